#!/usr/bin/env bash
# Installs what is needed, builds, and starts the reception window (rececon) on its embedded defaults:
#  * a local SQLite database in the user's data folder ($XDG_DATA_HOME/rececon, or --data-dir DIR),
#    filled on first run with the fictional people the simulator knows, all booked for the next clinic
#    day (so that `rececon-cli bulk run` and the worklist, F12, have a night to show);
#  * the bundled linkage-app simulator, oqs-sim, answering in <data folder>/oqs-sim while the window is
#    open; on first run the site settings point at it (a site's own settings are never changed);
#  * on first run, the demo site's administrator "demo" (also clerk and supervisor), whose random
#    password is printed this once: the window opens with its login (RECECON_DEMO_WITHOUT_ACCOUNTS=1
#    leaves the demo without accounts, as a site before `user init`, for the desk's own walkthroughs).
# Arguments go to rececon (--data-dir DIR, --operator ID).
# RECECON_SKIP_BUILD=1 skips installing and building (used by the GUI smoke test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${RECECON_BUILD_DIR:-$root/build}"
if [ -z "${RECECON_SKIP_BUILD:-}" ]; then
  "$root/setup/install-deps.sh"
  "$root/setup/build.sh"
fi

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/rececon"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --data-dir) data_dir="${args[i + 1]:-$data_dir}" ;;
    --data-dir=*) data_dir="${args[i]#--data-dir=}" ;;
  esac
done

cli=("$build/app/cli/rececon-cli" --data-dir "$data_dir" --operator setup)
sim_root="$data_dir/oqs-sim"
if [ ! -e "$data_dir/rececon.db" ]; then
  "${cli[@]}" demo import-sim-persons --appointments next
  "${cli[@]}" config set institution_code 9919999999 >/dev/null
  for folder in req res face; do "${cli[@]}" config set "linkage.${folder}_dir" "$sim_root/$folder" >/dev/null; done
  echo "run: the register holds the simulator's fictional people; linkage folders: $sim_root"
  if [ -z "${RECECON_DEMO_WITHOUT_ACCOUNTS:-}" ]; then
    "$build/app/cli/rececon-cli" --data-dir "$data_dir" demo admin
  fi
fi

"$build/linkage/sim/oqs-sim" --root "$sim_root" --institution-code "$("${cli[@]}" --json config get institution_code |
  sed -n 's/.*"value": "\([0-9]*\)".*/\1/p')" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true' EXIT

"$build/app/gui/rececon" "$@"
