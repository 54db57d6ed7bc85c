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
# Below the front-ends, text for people names no front-end's keys, commands or options: an action is
# written {how:NAME} (app/core/front_end_words.h) and a coded error gets its hint at the edge.
words=$(grep -nE '"[^"]*(rececon-cli|--[a-z]+(-[a-z]+)* |Ctrl\+|（F[0-9]+|画面では)[^"]*"' \
  $(find app/core app/jobs db linkage -name '*.cpp' -o -name '*.h' | grep -v -e '^linkage/sim/' -e 'front_end_words') || true)
if [ -n "$words" ]; then
  echo "layering_check: FAILED: a lower layer names a front-end's keys or options (use {how:…} or an error code):" >&2
  echo "$words" >&2
  exit 1
fi
echo "ok: app/gui and app/cli use app/jobs only ($(ls app/gui/*.cpp app/gui/*.h app/cli/*.cpp app/cli/*.h | wc -l) files)"
