#!/usr/bin/env bash
# The run command of the README: set up (if needed), create the demo unit when there is no data
# yet, and start the window. Without a graphical display it prints the indicators of the latest
# year with data through gxjn-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
if [ ! -f "${XDG_DATA_HOME:-$HOME/.local/share}/gxjn/gxjn.db" ]; then
  .venv/bin/gxjn-cli demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # The latest year with data: gxjn-cli refuses (exit 2) a year without any.
  this_year=$(date +%Y)
  for year in $(seq "$this_year" -1 $((this_year - 10))); do
    if out=$(.venv/bin/gxjn-cli indicators --year "$year" 2>/dev/null); then
      echo "没有图形显示环境（DISPLAY 未设置），改用命令行展示 $year 年（有数据的最近一年）的指标："
      echo "$out"
      exit 0
    fi
  done
  echo "没有图形显示环境（DISPLAY 未设置），且近十年没有任何数据可展示。" >&2
  exit 1
fi
exec .venv/bin/gxjn "$@"
