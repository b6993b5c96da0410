#!/usr/bin/env bash
# The suite again 400 days ahead, in another zone and locale (libfaketime): a test that reads the calendar, the
# machine's zone or its locale fails here. CI runs it after scripts/test.sh; the build test is left out (it
# does not read the clock, and it is the slowest test).
set -uo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is missing: bash scripts/setup.sh --dev installs it" >&2; exit 1; }
# NO_FAKE_STAT: files keep the times the kernel gave them (mtools, run by the image tests, would otherwise read
# its sources' times shifted too, while Python reads them as they are).
export QT_QPA_PLATFORM=offscreen TZ=America/Los_Angeles LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_FAKE_STAT=1
echo "shifted run: $(faketime -f +400d date), TZ=$TZ, LANG=$LANG" >&2
faketime -f +400d .venv/bin/python -m pytest -q -p no:randomly -m "not build" "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "pytest ran no test: that is a failure here" >&2
  exit 1
fi
exit $rc
