#!/usr/bin/env bash
# Build the frozen program (build.spec → dist/gxjn/, PyInstaller onedir) into the project's .venv,
# with PyInstaller at its locked version (requirements-build.lock). GXJN_BUNDLE=unit (default) or
# bureau (keeps pandas/numpy) chooses the bundle; scripts/check_frozen.py checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements-build.lock
# PyInstaller on Linux needs ldd, objdump and objcopy (binutils) to follow shared libraries; build.spec
# uses readelf and strip (binutils too) to drop debug information (packaging/freeze_rules.py).
if ! command -v objdump >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
echo "frozen build: $(( $(date +%s) - start )) s, $(du -sh dist/gxjn | cut -f1) on disk (du)"
