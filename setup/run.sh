#!/usr/bin/env bash
# Installs what is needed, builds, and starts the reception window (rececon) on its embedded
# defaults: a local SQLite database in the user's data folder, filled with fictional demo patients
# on first run. Arguments are passed to rececon (e.g. --data-dir DIR, --operator ID).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/setup/install-deps.sh"
"$root/setup/build.sh"
exec "${RECECON_BUILD_DIR:-$root/build}/app/gui/rececon" "$@"
