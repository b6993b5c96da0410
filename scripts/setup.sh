#!/usr/bin/env bash
# Set up a fresh Debian machine: system packages, .venv at the repository root, requirements.
# Usage: bash scripts/setup.sh [--dev]   (--dev adds the test tools and the peer tools for benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if command -v apt-get >/dev/null 2>&1; then
  pkgs="fonts-wqy-microhei libmagic1 xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libegl1 libgl1 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3"
  if [ "${1:-}" = "--dev" ]; then
    pkgs="$pkgs poppler-utils hashdeep sleuthkit libimage-exiftool-perl ewf-tools dosfstools mtools e2fsprogs xorriso file strace faketime"
  fi
  missing=""
  for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# PySide6-Pdf (6.12) and PySide6-Addons (6.11.3, pinned now) hold the same QtPdf files: remove the old one
# first, or uninstalling it later would take QPdfView away from the new one.
if .venv/bin/python -m pip show -q PySide6-Pdf >/dev/null 2>&1; then
  .venv/bin/python -m pip uninstall -y -q PySide6-Pdf
fi
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install -q -r requirements-dev.txt
else
  .venv/bin/python -m pip install -q -r requirements.txt
fi
# the English interface (--lang en) reads resources/i18n/en.qm: built here from en.ts (not committed)
bash scripts/build_translations.sh
