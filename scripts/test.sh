#!/usr/bin/env bash
# The test command of the README: set up (if needed), then run the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --dev
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
