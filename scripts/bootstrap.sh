#!/usr/bin/env bash
# Set up everything gxjn needs on a Debian/Ubuntu machine that may have nothing but python3:
# the system libraries Qt loads, a CJK font, a virtual environment in .venv with the locked
# versions (requirements.lock), and gxjn itself. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt 6 on Linux needs these even offscreen (engineering.md §3.1); the xcb ones for a real window.
# fonts-wqy-microhei: the CJK font report.pdf embeds (the PDF tests fail without a Chinese font);
# poppler-utils: pdffonts / pdftotext, with which the tests check report.pdf.
APT_PACKAGES="python3-venv libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-xinerama0 libxcb-xfixes0 libxcb-shape0 fonts-wqy-microhei poppler-utils"
# minisign: the packet tests check the packet's signature with the reference tool.
APT_PACKAGES="$APT_PACKAGES minisign"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
fi
# A python3 with a working venv module (e.g. pyenv's) does not need Debian's python3-venv.
if python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  missing=$(echo "$missing" | sed 's/ python3-venv//')
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装系统依赖：$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "缺少系统软件包：$missing" >&2
    echo "请以管理员身份运行：sudo apt-get install$missing" >&2
    exit 1
  fi
fi

stamp=.venv/.gxjn-installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "安装 Python 依赖（固定版本，见 requirements.lock）……"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=23"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi
