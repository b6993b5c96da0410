#!/usr/bin/env bash
# Set up (first run only does real work) and open the window on the built-in sample case.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DEMO="${EVIDENCEDESK_DEMO_DIR:-$HOME/.local/share/EvidenceDesk/demo}"
if [ ! -f "$DEMO/sample-clean/bundle.json" ]; then
  rm -rf "$DEMO"
  .venv/bin/python main.py demo "$DEMO"
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "没有图形显示，改用 xvfb-run 启动 / no display: starting under xvfb-run" >&2
  exec xvfb-run -a .venv/bin/python main.py open "$DEMO/sample-clean"
fi
exec .venv/bin/python main.py open "$DEMO/sample-clean"
