#!/usr/bin/env bash
# GUI smoke test of the README's run command: setup/run.sh (install and build skipped) on a fresh data
# folder under Xvfb. Checks that it fills the register with the simulator's people, points the settings
# at the bundled oqs-sim and starts it, opens the window, finds patients by a kana search typed into
# it, picks up a card result in the background, opens 連携の点検 with F9; then an outage: the banner
# appears, F8 enters stand-alone mode, F6 receives a patient unverified, F7's 4-item form is filled from the
# keyboard, and once the simulator answers again Ctrl+R re-verifies and stand-alone mode ends; after a
# bulk run the worklist (F12) and the appointment form (F4); the print previews of the chart form (saved as
# PDF through the file dialog), the worklist and the 4情報 記録票. Takes a screenshot of each screen, and checks that Ctrl+Q closes the window and stops the simulator.
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
# On failure the window's own log is kept beside the screenshots.
keep_log() { cp "$work/run.log" "$shots/run.log" 2>/dev/null || true; }
fail() { echo "gui_smoke: FAILED: $*" >&2; keep_log; exit 1; }
source "$here/x_windows.sh"
export RECECON_SKIP_BUILD=1 RECECON_BUILD_DIR="$build" RECECON_DEMO_WITHOUT_ACCOUNTS=1

for tool in Xvfb xdotool xprop import compare identify pdftotext; do
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
# Short limits so that the outage below is seen within seconds.
"$cli" --data-dir "$data" config set linkage.single_timeout_seconds 4 >/dev/null
"$cli" --data-dir "$data" config set linkage.watchdog_untaken_seconds 2 >/dev/null

# 2. Xvfb on a display number it picks itself.
start_xvfb "$work/xvfb.log"

RECECON_TRACE_BANNER=1 "$run" --data-dir "$data" --operator gui-smoke >"$work/run.log" 2>&1 &
run_pid=$!
# What the banner says now: the window prints each change of its title ("banner: …", "(hidden)").
banner_now() { grep '^banner: ' "$work/run.log" | tail -1 | cut -c9-; }
await_banner() {  # pattern, tenths of a second, what failed
  for _ in $(seq 1 "$2"); do banner_now | grep -q -- "$1" && return 0; sleep 0.1; done
  fail "$3 (the banner says: $(banner_now))"
}

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

# 3. F3 opens the search tab; a hiragana search changes the list (the people's kana are stored in half-width katakana).
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key F3
sleep 0.8  # the search box takes the focus a moment after the tab changes; a key typed before is lost
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

# 3b. One selected patient: the first hit is only focused, nobody chose it — F5 asks for a patient
#     instead of checking it. Enter in the search box chooses the first hit.
xdotool key F5
ask=$(await_window '"資格確認"' 30)
[ -n "$ask" ] || fail "F5 in the search box with nobody chosen did not ask for a patient"
[ -z "$(window_titled "資格確認中")" ] || fail "F5 started a check of a patient nobody chose"
xdotool windowfocus "$ask" 2>/dev/null || true
xdotool key Return
await_closed '"資格確認"' 30
timeout 3 xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool key Return
sleep 0.5
echo "ok: F5 with nobody chosen asks for a patient; Enter chose the first hit"

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
dialog=$(open_with_keys "$window" "連携の点検" F9)
[ -n "$dialog" ] || fail "F9 did not open the 連携の点検 window"
sleep 0.8
import -window root "$shots/04_diagnosis.png"
xdotool windowfocus "$dialog" 2>/dev/null || true
xdotool key Escape
sleep 0.5
[ -z "$(window_titled "連携の点検")" ] || fail "Escape did not close the 連携の点検 window"
"$cli" --data-dir "$data" diag >/dev/null || fail "diag reports a failure on the run command's own setup"
echo "ok: F9 showed 連携の点検; Escape closed it; diag finds no failure on the embedded defaults"

# 6. An outage: the simulator stops answering. A check times out; the watchdog in the window shows the
#    banner at once. F8 asks to switch to stand-alone mode; Enter is the way back, Alt+Y (切り替える) confirms.
sim="$build/linkage/sim/oqs-sim"
"$sim" --root "$data/oqs-sim" fault silent >/dev/null
set +e
"$cli" --data-dir "$data" --operator gui-smoke check --patient 1 >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 75 ] || fail "a check against the silent simulator should time out (75), got $rc"
"$cli" --data-dir "$data" --json fallback status | grep -q '"health": "down"' || fail "the watchdog does not report the linkage down"
await_banner "連携停止" 50 "the banner does not say the linkage stopped"
sleep 1
import -window root "$shots/05_outage_banner.png"
changed=$(compare -metric AE "$shots/04_diagnosis.png" "$shots/05_outage_banner.png" null: 2>&1 || true)
[ "${changed%%.*}" -gt 1000 ] || fail "no banner appeared ($changed pixels changed)"
# While the linkage is known to be down, F5's wait says so at once; Escape stops waiting.
timeout 3 xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool key F5
wait_dialog=$(await_window "資格確認中" 50)
[ -n "$wait_dialog" ] || fail "F5 did not show the check's wait"
sleep 0.5
import -window root "$shots/05a_wait_linkage_down.png"
xdotool windowfocus "$wait_dialog" 2>/dev/null || true
xdotool key Escape
stopped=$(await_window '"資格確認"' 50)
[ -n "$stopped" ] || fail "Escape did not stop waiting"
xdotool windowfocus "$stopped" 2>/dev/null || true
xdotool key Return
await_closed '"資格確認"' 30
confirm=$(open_with_keys "$window" "単独モード" F8)
[ -n "$confirm" ] || fail "F8 did not ask to switch to stand-alone mode"
xdotool windowfocus "$confirm" 2>/dev/null || true
sleep 0.3
import -window root "$shots/05b_f8_confirm.png"
# A stray Enter takes the way back: the dialog closes and nothing changes.
xdotool key Return
await_closed "単独モード" 30 "Enter did not close the stand-alone confirmation"
"$cli" --data-dir "$data" --json fallback status | grep -q '"active": false' || fail "Enter switched to stand-alone mode"
confirm=$(open_with_keys "$window" "単独モード" F8)
[ -n "$confirm" ] || fail "F8 did not ask again"
xdotool windowfocus "$confirm" 2>/dev/null || true
sleep 0.2
xdotool key alt+y
for _ in $(seq 1 50); do
  "$cli" --data-dir "$data" --json fallback status | grep -q '"active": true' && break
  sleep 0.1
done
"$cli" --data-dir "$data" --json fallback status | grep -q '"active": true' || fail "stand-alone mode was not entered"
echo "ok: the outage banner appeared ($changed pixels); F8 asks in Japanese, Enter keeps the mode, 切り替える(Y) enters stand-alone mode"

# 7. Reception goes on: F6 receives the selected patient unverified; F7 opens the 4-item form, filled
#    from the keyboard (Enter moves on, 2 for 女, the offered patient number is cleared) and saved.
# The confirmation must be gone before the main window can take keys again; under load it closes late.
await_closed "単独モード" 50
timeout 3 xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool key F6
for _ in $(seq 1 50); do
  "$cli" --data-dir "$data" --json fallback status | grep -q '"unverified": 2' && break
  sleep 0.1
done
form=$(open_with_keys "$window" "4項目の記録" F7)
[ -n "$form" ] || fail "F7 did not open the 4-item form"
xdotool windowfocus "$form" 2>/dev/null || true
sleep 0.3
xdotool type --delay 30 "山田　花子"
xdotool key Return
xdotool type --delay 30 "ヤマダ ハナコ"
xdotool key Return
xdotool type --delay 30 "2"
xdotool key Return
xdotool type --delay 30 "S50.4.1"
xdotool key Return
xdotool type --delay 30 "東京都千代田区霞が関1-2-2"
xdotool key Return
xdotool type --delay 30 "全国健康保険協会"
xdotool key Return ctrl+a BackSpace
sleep 0.5
import -window root "$shots/06_capture_form.png"
xdotool key Return
await_closed "4項目の記録" 50 "the 4-item form did not save and close"
status=$("$cli" --data-dir "$data" --json fallback status)
grep -q '"pending_captures": 1' <<<"$status" || fail "the 4 items were not stored: $status"
grep -q '"unverified": 3' <<<"$status" || fail "expected 3 unverified visits (F5 stopped, F6 and F7): $status"
sheet=$("$cli" --data-dir "$data" fallback captures)
grep -q "性別: 女    生年月日: 昭和50年4月1日" <<<"$sheet" || fail "the pending list lacks the sex typed as 2 or the 和暦 birth date: $sheet"
echo "ok: F6 received a patient unverified; the 4-item form was filled from the keyboard and saved"

# Ctrl+R and the re-verification report it shows; fails with a screenshot ($1) when none appears.
reverify_with_ctrl_r() {
  local report=""
  for _ in 1 2 3; do  # a key sent while the window is still being activated can be lost: press again
    xdotool windowfocus "$window" 2>/dev/null || true
    xdotool key ctrl+r
    for _ in $(seq 1 80); do
      report=$(window_titled "再確認の結果")
      [ -n "$report" ] && break 2
      sleep 0.1
    done
  done
  if [ -z "$report" ]; then
    import -window root "$shots/$1" 2>/dev/null || true
    fail "Ctrl+R did not show the re-verification report (screen in $1)"
  fi
  echo "$report"
}

# 7b. The linkage app answers again, but every answer is the national system's error (SIMERR9001):
#     re-verification says so and stand-alone mode stays on.
"$sim" --root "$data/oqs-sim" fault error9 >/dev/null
report=$(reverify_with_ctrl_r 07b_reverify_error9_failed.png)
[ -n "$report" ] || exit 1
sleep 0.5
import -window root "$shots/07b_reverify_error9.png"
xdotool windowfocus "$report" 2>/dev/null || true
xdotool key Escape
status=$("$cli" --data-dir "$data" --json fallback status)
grep -q '"active": true' <<<"$status" || fail "re-verification during an error9 outage ended stand-alone mode: $status"
await_banner "単独モード.*資格確認がエラーで返ってきます" 50 "the banner does not name the error answers as the cause"
echo "ok: Ctrl+R while every answer is SIMERR9001 kept stand-alone mode; the banner names the error answers"

# 8. The linkage is back: Ctrl+R re-verifies; the report names what needs a person; stand-alone mode ends.
"$sim" --root "$data/oqs-sim" fault normal >/dev/null
sleep 1
import -window root "$shots/07_standalone_banner.png"
report=$(reverify_with_ctrl_r 08_reverify_failed.png)
[ -n "$report" ] || exit 1
sleep 0.5
import -window root "$shots/08_reverify_report.png"
xdotool windowfocus "$report" 2>/dev/null || true
xdotool key Escape
status=$("$cli" --data-dir "$data" --json fallback status)
grep -q '"active": false' <<<"$status" || fail "stand-alone mode did not end after the linkage answered: $status"
grep -q '"unverified": 0' <<<"$status" || fail "visits left unverified: $status"
await_banner "^(hidden)$" 50 "the banner stayed after the linkage recovered and everything was re-verified"
echo "ok: Ctrl+R re-verified everything; stand-alone mode ended; the banner went away"

# 9. The morning after a bulk pre-check: F12 shows the worklist; Space marks an item done; Enter opens
#    the patient in the main window. F4 books an appointment for the selected patient from the keyboard.
today=$(date +%F)
{ echo "予約日,時刻,患者番号,診療科"; for p in $(seq 300 305) 430 431 485 486 515 516 540 541; do echo "$today,10:00,$p,内科"; done; } >"$work/予約.csv"
"$cli" --data-dir "$data" appointment import "$work/予約.csv" >/dev/null || fail "appointment import failed"
"$cli" --data-dir "$data" config set bulk.retry_first_seconds 1 >/dev/null
"$sim" --root "$data/oqs-sim" set bulk_ready_ms 300 >/dev/null
set +e
bulk_out=$("$cli" --data-dir "$data" --operator batch bulk run --date "$today" 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bulk run expected exit 2 (items need attention), got $rc: $bulk_out"
worklist=$(open_with_keys "$window" "一括照会の作業リスト" F12)
[ -n "$worklist" ] || fail "F12 did not open the worklist"
sleep 0.8
import -window root "$shots/09_worklist.png"
xdotool key space
sleep 0.5
done_items=$("$cli" --data-dir "$data" --json bulk worklist --date "$today" | grep -c '"done": true' || true)
[ "$done_items" -eq 1 ] || fail "Space did not mark the first worklist item done ($done_items done)"
import -window root "$shots/10_worklist_done.png"
xdotool key Return
await_closed "一括照会の作業リスト" 50 "Enter did not open the patient from the worklist"
sleep 0.5
import -window root "$shots/11_worklist_patient_opened.png"
xdotool key F4
booking=$(await_window "予約の登録")
[ -n "$booking" ] || fail "F4 did not open the appointment form"
xdotool type --delay 30 "10:30"
xdotool key Return
xdotool type --delay 30 "内科"
sleep 0.5
import -window root "$shots/12_appointment_form.png"
xdotool key Return Return Return
await_closed "予約の登録" 50 "the appointment form did not save and close"
booked=""
for days in 1 2 3 4 5 6 7; do  # the form offers the next clinic day (Sundays and holidays skipped)
  booked+=$("$cli" --data-dir "$data" --json appointment list --date "$(date -d "+$days day" +%F)" | grep '"time": "10:30"' || true)
done
[ -n "$booked" ] || fail "the appointment typed into the F4 form was not stored"
echo "ok: bulk worklist shown (F12), an item marked done (Space), its patient opened (Enter); F4 booked an appointment"

# 10. Forms: Ctrl+P previews the selected patient's カルテ1号用紙 and Ctrl+S saves it as PDF through the
#     file dialog; the worklist (F12, then Ctrl+P) and the 4情報 記録票 (menu 連携) are previewed too.
preview=$(open_with_keys "$window" "印刷プレビュー" ctrl+p)
[ -n "$preview" ] || fail "Ctrl+P did not open the print preview of the chart form"
sleep 0.8
import -window root "$shots/13_karte_preview.png"
pdf="$work/カルテ_431.pdf"
xdotool key ctrl+s
chooser=$(await_window "PDF に保存")
[ -n "$chooser" ] || fail "Ctrl+S in the preview did not open the save dialog"
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 20 "$pdf"
xdotool key Return
for _ in $(seq 1 50); do
  [ -s "$pdf" ] && break
  sleep 0.1
done
[ -s "$pdf" ] || fail "the chart form was not saved as PDF from the preview"
karte_text=$(pdftotext -layout "$pdf" - | sed -e 's/ //g' -e 's/　//g' | tr -d '\n')
# The patient opened from the worklist is on the form: Space marked the first item done and moved to the
# next open one (all are booked at 10:00, so the list keeps the worklist's order), which Enter opened.
opened_name=$("$cli" --data-dir "$data" --json bulk worklist --date "$today" | tr -d '\n' |
  grep -o '{[^{}]*"done" *: *false[^{}]*}' | head -n 1 | grep -o '"name" *: *"[^"]*"' | sed 's/.*: *"\(.*\)"/\1/' | tr -d ' 　')
[ -n "$opened_name" ] || fail "could not read the name of the worklist item opened"
grep -q "$opened_name" <<<"$karte_text" || fail "the saved chart form lacks the name of the patient opened ($opened_name): $karte_text"
grep -q "枝番" <<<"$karte_text" || fail "the saved chart form lacks the 枝番 cell"
sleep 0.3
import -window root "$shots/14_karte_saved.png"
xdotool key Escape
await_closed "印刷プレビュー" 50
worklist=$(open_with_keys "$window" "一括照会の作業リスト" F12)
[ -n "$worklist" ] || fail "F12 did not open the worklist again"
sleep 0.3
xdotool key ctrl+p
preview=$(await_window "印刷プレビュー")
[ -n "$preview" ] || fail "Ctrl+P in the worklist did not open its print preview"
sleep 0.8
import -window root "$shots/15_worklist_preview.png"
xdotool key Escape
sleep 0.3
xdotool key Escape
sleep 0.3
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key alt+l
sleep 0.3
xdotool key p
preview=$(await_window "印刷プレビュー")
[ -n "$preview" ] || fail "the 連携 menu did not open the 4情報 記録票 preview"
sleep 0.8
import -window root "$shots/16_outage_sheet_preview.png"
xdotool key Escape
echo "ok: chart form previewed (Ctrl+P) and saved as PDF (Ctrl+S); worklist and 4情報 記録票 previewed"

# 11. Ctrl+Q closes the window; run.sh then stops the simulator and exits 0.
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
