#!/usr/bin/env bash
# Build resources/i18n/*.qm from the .ts sources (the .qm files are not committed).
#   bash scripts/build_translations.sh            compile every .ts with pyside6-lrelease
#   bash scripts/build_translations.sh --update   first add new strings of ui/ models/ checks/ to the .ts files,
#                                                 unfinished (pyside6-lupdate + scripts/merge_ts.py; none removed)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
[ -x "$BIN/pyside6-lrelease" ] || BIN="$(dirname "$(command -v pyside6-lrelease)")"
if [ "${1:-}" = "--update" ]; then
  # collected into a scratch file and merged: lupdate does not see every context the window asks for
  # (scripts/merge_ts.py), and an in-place update dropped the messages added by hand
  scratch_dir="$(mktemp -d)"
  trap 'rm -rf "$scratch_dir"' EXIT
  scratch="$scratch_dir/collected.ts"
  "$BIN/pyside6-lupdate" ui/*.py ui/*/*.py models/*/*.py checks/*.py checks/*/*.py -ts "$scratch" -no-obsolete -locations none
  for ts in resources/i18n/*.ts; do
    "$BIN/python" scripts/merge_ts.py "$scratch" "$ts"
  done
fi
for ts in resources/i18n/*.ts; do
  "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
