#!/usr/bin/env bash
# The front-ends only read their widgets or options, call app/jobs and show the outcome (design.md): no
# database or linkage type, header or SQLite name in app/gui or app/cli. A use case a front-end needs
# belongs in app/jobs, where the window and rececon-cli share it.
# Usage: layering_check.sh SOURCE_ROOT
set -euo pipefail
cd "$1"

found=$(grep -nE '\b(db|linkage)::|#include "(db|linkage)/|SQLite' app/gui/*.cpp app/gui/*.h app/cli/*.cpp app/cli/*.h || true)
if [ -n "$found" ]; then
  echo "layering_check: FAILED: a front-end reaches past app/jobs (move the use case into app/jobs):" >&2
  echo "$found" >&2
  exit 1
fi
echo "ok: app/gui and app/cli use app/jobs only ($(ls app/gui/*.cpp app/gui/*.h app/cli/*.cpp app/cli/*.h | wc -l) files)"
