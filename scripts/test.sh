#!/usr/bin/env bash
# Set up with the test tools and run the whole test suite (what CI runs), the PyInstaller build test included.
# A plain `.venv/bin/python -m pytest` leaves that test out (pytest.ini: -m "not build"): the fast part alone.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev || exit 1
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check . || exit 1  # ruff.toml: line length, import order, unused names
.venv/bin/python -m pytest -q -p no:randomly -m "build or not build" "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest ran no test: that is a failure here" >&2
  exit 1
fi
exit $rc
