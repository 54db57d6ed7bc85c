#!/usr/bin/env bash
# GUI smoke test: starts the real rececon window under Xvfb on a fresh data folder, checks that it
# opens on the demo patients, types a kana search, takes screenshots and closes it with Ctrl+Q.
# Usage: gui_smoke.sh PATH/TO/rececon PATH/TO/rececon-cli SCREENSHOT_DIR
set -euo pipefail

app=$1
cli=$2
shots=$3
mkdir -p "$shots"
work=$(mktemp -d)
data="$work/受付データ"
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -n "${GUI_SMOKE_DEBUG:-}" ] && trap - EXIT
fail() { echo "gui_smoke: FAILED: $*" >&2; exit 1; }

for tool in Xvfb xdotool xprop import compare identify; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (run setup/install-deps.sh)"
done

# 1. Without a display the program says so and points to the CLI.
set +e
no_display=$(env -u DISPLAY -u WAYLAND_DISPLAY "$app" --data-dir "$data" 2>&1)
rc=$?
set -e
[ "$rc" -eq 69 ] || fail "without a display expected exit 69, got $rc"
grep -q "rececon-cli" <<<"$no_display" || fail "no-display message does not mention rececon-cli"
echo "ok: no display -> exit 69 with CLI hint"

# 2. Xvfb on a display number it picks itself.
exec 3< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>"$work/xvfb.log")
xvfb_pid=$!
read -r -t 20 display_number <&3 || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$display_number"

"$app" --data-dir "$data" --operator gui-smoke >"$work/app.log" 2>&1 &
app_pid=$!

window=""
for _ in $(seq 1 100); do
  # GTK sets only _NET_WM_NAME (xdotool --name reads WM_NAME): find the visible window, check its title.
  for candidate in $(xdotool search --onlyvisible --class rececon 2>/dev/null || true); do
    if xprop -id "$candidate" _NET_WM_NAME 2>/dev/null | grep -q "レセコン — 受付"; then window=$candidate; fi
  done
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || fail "rececon exited early: $(cat "$work/app.log")"
  sleep 0.2
done
[ -n "$window" ] || fail "main window did not appear within 20 s"
echo "ok: main window appeared"
sleep 1
import -window root "$shots/01_main_window.png"

# 3. The first run filled the data folder with demo patients.
count=$("$cli" --data-dir "$data" --json patient list --limit 100000 | grep -c '"birth_date":')
expected=$(($(wc -l < "$(dirname "$0")/../../resources/oqs-sim/persons.csv") - 1))
[ "$count" -eq "$expected" ] || fail "expected $expected demo patients (the simulator's people), found $count"
echo "ok: $count demo patients in the new data folder, the same people oqs-sim knows"

# 4. A hiragana search changes the list (the demo names are stored in half-width kana).
xdotool windowfocus "$window" 2>/dev/null || true
xdotool type --delay 40 "さとう"
sleep 1.5
import -window root "$shots/02_search_satou.png"
changed=$(compare -metric AE "$shots/01_main_window.png" "$shots/02_search_satou.png" null: 2>&1 || true)
[ "${changed%%.*}" -gt 1000 ] || fail "the screen did not change after typing a search ($changed pixels)"
colours=$(identify -format %k "$shots/02_search_satou.png")
[ "$colours" -gt 50 ] || fail "screenshot looks blank ($colours colours)"
matches=$("$cli" --data-dir "$data" --json patient search --kana さとう | grep -c '"birth_date":' || true)
[ "$matches" -gt 0 ] || fail "no demo patient matches さとう"
echo "ok: search for さとう changed $changed pixels; $matches patients match"

# 5. Ctrl+Q closes the program cleanly.
xdotool key ctrl+q
for _ in $(seq 1 50); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$app_pid" 2>/dev/null; then fail "rececon did not close on Ctrl+Q"; fi
wait "$app_pid" && rc=0 || rc=$?
app_pid=""
[ "$rc" -eq 0 ] || fail "rececon exited with $rc: $(cat "$work/app.log")"
echo "ok: closed with Ctrl+Q"
echo "gui_smoke: passed; screenshots in $shots"
