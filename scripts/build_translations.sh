#!/usr/bin/env bash
# Build resources/i18n/*.qm from the .ts sources (the .qm files are not committed).
#   bash scripts/build_translations.sh            compile every .ts with pyside6-lrelease
#   bash scripts/build_translations.sh --update   first collect new ui strings into the .ts files (pyside6-lupdate)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
[ -x "$BIN/pyside6-lrelease" ] || BIN="$(dirname "$(command -v pyside6-lrelease)")"
if [ "${1:-}" = "--update" ]; then
  for ts in resources/i18n/*.ts; do
    "$BIN/pyside6-lupdate" ui/*.py -ts "$ts" -no-obsolete
  done
fi
for ts in resources/i18n/*.ts; do
  "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
