#!/usr/bin/env bash
# Set up everything gxjn needs on a Debian/Ubuntu machine that may have nothing but python3:
# the system libraries Qt loads, a CJK font, a virtual environment in .venv with the locked
# versions (requirements.lock; with --dev requirements-dev.lock, which adds the test tools), and
# gxjn itself. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Python 3.11 or later, checked before anything is installed.
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  have_py=$(python3 -c 'import platform; print(platform.python_version())' 2>/dev/null || echo "未安装")
  echo "gxjn 需要 Python 3.11 或更高版本（当前 python3：$have_py）。请先安装（Debian 12、Ubuntu 24.04 及更新版本自带），再运行本脚本。" >&2
  exit 1
fi

# The shared libraries Qt 6 loads on Linux, even offscreen (engineering.md §3.1; the xcb ones for a
# real window), each with the Debian/Ubuntu package that provides it. They are looked for by
# library name, not package name: Debian 13 and Ubuntu 24.04 renamed some packages (libglib2.0-0
# is libglib2.0-0t64 there), and a library installed any other way counts too.
LIBRARIES="libGL.so.1:libgl1 libEGL.so.1:libegl1 libxkbcommon.so.0:libxkbcommon0
  libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0
  libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4
  libxcb-image.so.0:libxcb-image0 libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-randr.so.0:libxcb-randr0
  libxcb-render-util.so.0:libxcb-render-util0 libxcb-xfixes.so.0:libxcb-xfixes0 libxcb-shape.so.0:libxcb-shape0"
# shellcheck disable=SC2086
missing=$(python3 - $LIBRARIES <<'PY'
import ctypes, sys
for pair in sys.argv[1:]:
    soname, package = pair.split(":")
    try:
        ctypes.CDLL(soname)
    except OSError:
        print(package, end=" ")
PY
)
# A python3 with a working venv module (e.g. pyenv's) does not need Debian's python3-venv.
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$missing python3-venv"
# A CJK font: the window's Chinese text and the report PDF (rendered in the tests too) need one.
# Any installed CJK font will do; WenQuanYi Micro Hei is the small one to install.
cjk_font=""
for pattern in '/usr/share/fonts/*/*/*[Ww]qy*' '/usr/share/fonts/*/*/*CJK*' "$HOME/.local/share/fonts/*CJK*"; do
  compgen -G "$pattern" >/dev/null && cjk_font=yes
done
[ -n "$cjk_font" ] || missing="$missing fonts-wqy-microhei"
# Tests only (--dev): the packet tests check signatures with the reference tool, minisign.
if [ "${1:-}" = --dev ] && ! command -v minisign >/dev/null 2>&1; then
  missing="$missing minisign"
fi
# Tests only (--dev): the report tests read report.pdf with poppler's pdffonts and pdftotext.
if [ "${1:-}" = --dev ] && ! command -v pdftotext >/dev/null 2>&1; then
  missing="$missing poppler-utils"
fi
# Tests only (--dev): the bureau's tests run a real PostgreSQL server. As root,
# scripts/pg_test_server.sh installs it itself (without Debian's default cluster); any other user
# has to ask for it here.
if [ "${1:-}" = --dev ] && [ "$(id -u)" != 0 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing="$missing postgresql"
fi
missing=$(echo $missing)   # trimmed
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装系统依赖：$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Debian 13 / Ubuntu 24.04 name the glib package libglib2.0-0t64.
    if apt-cache show libglib2.0-0t64 >/dev/null 2>&1; then missing=${missing/libglib2.0-0/libglib2.0-0t64}; fi
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    if apt-cache show libglib2.0-0t64 >/dev/null 2>&1; then missing=${missing/libglib2.0-0/libglib2.0-0t64}; fi
    echo "缺少系统软件包：$missing" >&2
    echo "请以管理员身份运行：sudo apt-get update && sudo apt-get install -y $missing" >&2
    exit 1
  fi
fi

# The runtime lock for running; with --dev (test.sh, CI) the development lock, which includes it.
lock=requirements.lock
[ "${1:-}" = --dev ] && lock=requirements-dev.lock
stamp=.venv/.gxjn-installed
runtime_want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
dev_want=dev-$(cat requirements-dev.lock pyproject.toml | sha256sum | cut -d' ' -f1)
want=$runtime_want
[ "$lock" = requirements-dev.lock ] && want=$dev_want
have=$(cat "$stamp" 2>/dev/null || true)
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# A development install serves running as well; anything else is (re)installed from the lock.
if [ "$have" != "$want" ] && { [ "$want" != "$runtime_want" ] || [ "$have" != "$dev_want" ]; }; then
  echo "安装 Python 依赖（固定版本及校验值，见 $lock）……"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=23"
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r "$lock"
  # setuptools prints an information note on editable installs: shown only if the install fails.
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . >.venv/install-gxjn.log 2>&1 \
    || { cat .venv/install-gxjn.log >&2; exit 1; }
  echo "$want" > "$stamp"
fi
