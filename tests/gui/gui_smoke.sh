#!/usr/bin/env bash
# GUI smoke test of the README's run command: setup/run.sh (install and build skipped) on a fresh data
# folder under Xvfb. Checks that it fills the register with the simulator's people, points the settings
# at the bundled oqs-sim and starts it, opens the window, finds patients by a kana search typed into
# it, picks up a card result in the background, opens 連携の点検 with F9, takes screenshots, and that Ctrl+Q closes the window
# and stops the simulator.
# Usage: gui_smoke.sh BUILD_DIR SCREENSHOT_DIR
set -euo pipefail

build=$1
shots=$2
here=$(cd "$(dirname "$0")" && pwd)
run="$here/../../setup/run.sh"
cli="$build/app/cli/rececon-cli"
mkdir -p "$shots"
work=$(mktemp -d)
data="$work/受付データ"
xvfb_pid=""
run_pid=""
cleanup() {
  [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "gui_smoke: FAILED: $*" >&2; exit 1; }
# The visible rececon window whose title contains $1, or nothing. GTK sets only _NET_WM_NAME
# (xdotool --name reads WM_NAME), so each visible window's title is read with xprop.
window_titled() {
  local candidate
  for candidate in $(xdotool search --onlyvisible --class rececon 2>/dev/null || true); do
    if xprop -id "$candidate" _NET_WM_NAME 2>/dev/null | grep -q "$1"; then echo "$candidate"; return; fi
  done
}
export RECECON_SKIP_BUILD=1 RECECON_BUILD_DIR="$build"

for tool in Xvfb xdotool xprop import compare identify; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (run setup/install-deps.sh)"
done

# 1. Without a display: the first run prepares the data folder, then the window says it cannot open.
set +e
no_display=$(env -u DISPLAY -u WAYLAND_DISPLAY "$run" --data-dir "$data" 2>&1)
rc=$?
set -e
[ "$rc" -eq 69 ] || fail "without a display expected exit 69, got $rc: $no_display"
grep -q "rececon-cli" <<<"$no_display" || fail "no-display message does not mention rececon-cli"
echo "ok: no display -> exit 69 with a hint to use rececon-cli"
count=$("$cli" --data-dir "$data" --json patient list --limit 100000 | grep -c '"birth_date":')
expected=$(($(wc -l < "$here/../../resources/oqs-sim/persons.csv") - 1))
[ "$count" -eq "$expected" ] || fail "expected $expected demo patients (the simulator's people), found $count"
"$cli" --data-dir "$data" config get linkage.req_dir | grep -q "oqs-sim/req" || fail "linkage.req_dir does not point at the simulator"
echo "ok: first run registered $count demo patients and pointed the linkage folders at oqs-sim"

# 2. Xvfb on a display number it picks itself.
exec 3< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>"$work/xvfb.log")
xvfb_pid=$!
read -r -t 20 display_number <&3 || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$display_number"

"$run" --data-dir "$data" --operator gui-smoke >"$work/run.log" 2>&1 &
run_pid=$!

window=""
for _ in $(seq 1 100); do
  window=$(window_titled "レセコン — 受付")
  [ -n "$window" ] && break
  kill -0 "$run_pid" 2>/dev/null || fail "run.sh exited early: $(cat "$work/run.log")"
  sleep 0.2
done
[ -n "$window" ] || fail "main window did not appear within 20 s"
[ -e "$data/oqs-sim/sim/ready" ] || fail "oqs-sim is not running beside the window"
echo "ok: main window appeared, oqs-sim running"
sleep 1
import -window root "$shots/01_main_window.png"

# 3. A hiragana search changes the list (the people's kana are stored in half-width katakana).
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

# 4. A card result appears in face: the window's background watcher picks it up (no other process polls).
"$build/linkage/sim/oqs-sim" --root "$data/oqs-sim" face --person P0003 >/dev/null
pending=0
for _ in $(seq 1 100); do
  pending=$("$cli" --data-dir "$data" --json results pending | grep -c '"source": "face"' || true)
  [ "$pending" -gt 0 ] && break
  sleep 0.1
done
[ "$pending" -eq 1 ] || fail "the card result was not picked up by the window's watcher"
sleep 0.5
import -window root "$shots/03_card_result_arrived.png"
echo "ok: a card result in face was picked up by the running window"

# 5. F9 opens 連携の点検 (the environment check) over the running simulator's folders; Escape closes it.
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key F9
dialog=""
for _ in $(seq 1 50); do
  dialog=$(window_titled "連携の点検")
  [ -n "$dialog" ] && break
  sleep 0.1
done
[ -n "$dialog" ] || fail "F9 did not open the 連携の点検 window"
sleep 0.8
import -window root "$shots/04_diagnosis.png"
xdotool windowfocus "$dialog" 2>/dev/null || true
xdotool key Escape
sleep 0.5
[ -z "$(window_titled "連携の点検")" ] || fail "Escape did not close the 連携の点検 window"
"$cli" --data-dir "$data" diag >/dev/null || fail "diag reports a failure on the run command's own setup"
echo "ok: F9 showed 連携の点検; Escape closed it; diag finds no failure on the embedded defaults"

# 6. Ctrl+Q closes the window; run.sh then stops the simulator and exits 0.
xdotool key ctrl+q
for _ in $(seq 1 50); do
  kill -0 "$run_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$run_pid" 2>/dev/null; then fail "the window did not close on Ctrl+Q"; fi
wait "$run_pid" && rc=0 || rc=$?
run_pid=""
[ "$rc" -eq 0 ] || fail "run.sh exited with $rc: $(cat "$work/run.log")"
[ ! -e "$data/oqs-sim/sim/ready" ] || fail "oqs-sim still running after the window closed"
echo "ok: closed with Ctrl+Q; oqs-sim stopped"
echo "gui_smoke: passed; screenshots in $shots"
