#!/usr/bin/env bash
# The run command of the README: set up (if needed), create the demo unit when there is no data
# yet, and start the window. Without a graphical display it shows the demo through gxjn-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
if [ ! -f "${XDG_DATA_HOME:-$HOME/.local/share}/gxjn/gxjn.db" ]; then
  .venv/bin/gxjn-cli demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "没有图形显示环境（DISPLAY 未设置），改用命令行展示示例单位上一年度的指标："
  exec .venv/bin/gxjn-cli indicators --year "$(( $(date +%Y) - 1 ))"
fi
exec .venv/bin/gxjn "$@"
