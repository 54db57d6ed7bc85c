#!/usr/bin/env bash
# The reception desk under Xvfb, driven from the keyboard: the window on a temporary data folder that
# holds ten of the simulator's people, with a real oqs-sim answering. Registers a new patient with the
# card they brought (Ctrl+N), checks them (F5) and accepts the result with the default ticks; a card
# result for a person nobody registered arrives in the results panel, is opened (F11) and registered as
# a new patient from the result; the patient editor (Ctrl+E) and the settings with their folder test.
# Both result dialogs are walked once round with Tab (the window runs with --trace-focus). Asserts on the
# database through rececon-cli and saves a screenshot of each screen.
# Usage: reception_flow.sh BUILD_DIR SCREENSHOT_DIR
set -euo pipefail

build=$1
shots=$2
here=$(cd "$(dirname "$0")" && pwd)
cli_bin="$build/app/cli/rececon-cli"
sim="$build/linkage/sim/oqs-sim"
mkdir -p "$shots"
work=$(mktemp -d)
data="$work/受付データ"
simroot="$work/資格確認端末"
xvfb_pid="" app_pid="" sim_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "reception_flow: FAILED: $*" >&2
  cp "$work/app.log" "$shots/reception_app.log" 2>/dev/null || true
  import -window root "$shots/reception_failure.png" 2>/dev/null || true
  exit 1
}
cli() { "$cli_bin" --data-dir "$data" --operator desk-test "$@"; }
source "$here/x_windows.sh"
# Waits until the command's output contains the text (up to 10 s).
await_output() {
  local text=$1
  shift
  for _ in $(seq 1 100); do
    "$@" 2>/dev/null | grep -q -- "$text" && return 0
    sleep 0.1
  done
  return 1
}
shot() { sleep "${2:-0.6}"; import -window root "$shots/$1.png"; }
type_field() { xdotool type --delay 25 "$1"; xdotool key Return; }

for tool in Xvfb xdotool xprop import; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (run setup/install-deps.sh)"
done

# 1. Ten of the simulator's people registered; the linkage folders at a simulator of our own.
cli demo import-sim-persons --limit 10 >/dev/null
cli config set institution_code 9919999999 >/dev/null
for folder in req res face; do cli config set "linkage.${folder}_dir" "$simroot/$folder" >/dev/null; done
"$sim" --root "$simroot" --institution-code 9919999999 >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do [ -e "$simroot/sim/ready" ] && break; sleep 0.1; done
[ -e "$simroot/sim/ready" ] || fail "oqs-sim did not start: $(cat "$work/sim.log")"

start_xvfb "$work/xvfb.log"
"$build/app/gui/rececon" --data-dir "$data" --operator desk-test --trace-focus >"$work/app.log" 2>&1 &
app_pid=$!
window=$(await_window "レセコン — 受付" 200)
[ -n "$window" ] || fail "the main window did not appear"
shot r01_reception_empty 1
echo "ok: main window on a data folder with 10 patients"

# 2. Ctrl+N: 中村　美咲 (the simulator's P0024) with the card she brought, typed in reading order.
editor=$(open_with_keys "$window" "新しい患者の登録" ctrl+n)
[ -n "$editor" ] || fail "Ctrl+N did not open the registration form"
xdotool windowfocus "$editor" 2>/dev/null || true
type_field "中村　美咲"
type_field "なかむら みさき"
type_field "2"
type_field "S62.12.1"
xdotool key Return Return Return Return          # 郵便番号, 住所, 電話番号, メモ left empty
type_field "06992788"
type_field "ﾐﾎﾝ"
type_field "8485"
xdotool type --delay 25 "0"                         # a one-digit 枝番: refused with its reason
xdotool key ctrl+Return
shot r02_new_patient_refused
[ -n "$(window_titled "新しい患者の登録")" ] || fail "a one-digit 枝番 was accepted"
[ "$(cli --json patient search --kana なかむらみさき | grep -c '"number"' || true)" -eq 0 ] || fail "something was stored"
xdotool type --delay 25 "00"                        # the cursor is on the wrong item, its text selected
xdotool key ctrl+Return
await_closed "新しい患者の登録"
number=$(cli --json patient search --kana なかむらみさき | sed -n 's/.*"number": \([0-9]*\).*/\1/p' | head -1)
[ -n "$number" ] || fail "the new patient was not registered"
cli --json insurance list --patient "$number" | grep -q '"branch": "00"' || fail "the card's 枝番 00 was not stored"
shot r03_new_patient_selected
echo "ok: Ctrl+N registered patient $number with 枝番 00 (a one-digit 枝番 was refused first)"

# 3. F5: the check goes out; the result dialog shows 有効 and the comparison; Enter accepts the
#    default ticks (the insurer's name and dates, not the identity fields).
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key F5
result=$(await_window "資格確認の結果" 150)
[ -n "$result" ] || fail "F5 did not bring the result dialog"
shot r04_check_result 0.8
cli --json reception list | grep -q '"verification": "verified"' || fail "the visit was not marked verified"
xdotool windowfocus "$result" 2>/dev/null || true
# Once round with Tab from 反映する, where the dialog opens: the buttons left to right, the comparison
# (read by its heading), back to 反映する for Enter.
from=$(wc -l <"$work/app.log")
for _ in 1 2 3 4 5; do xdotool key Tab; sleep 0.12; done
sleep 0.3
expect_focus_order "the result dialog" "反映しない
結果票(P)...
後で決める(Esc)
登録内容と返された内容 — チェックした項目を反映します（氏名・生年月日・被保険者番号は確かめてから）
反映する" "$(focus_stops "$work/app.log" "$from" "資格確認の結果")"
xdotool key Return
await_closed "資格確認の結果"
cli --json results pending | grep -q '"result_id"' && fail "the result still waits for a decision"
cli --json insurance list --patient "$number" | grep -q '見本健康保険組合' || fail "the accepted insurer name was not stored"
# Typed なかむら みさき, stored as full-width katakana; the identity is not ticked, so it stays as stored.
cli --json patient show "$number" | grep -q 'ナカムラ　ミサキ' || fail "the identity (kana as stored) changed without a tick"
shot r05_checked_in
echo "ok: F5 checked patient $number (有効), Enter accepted the ticked fields; identity kept"
# Applying a valid result in the window registers the patient's 照会番号 (settled by the window's watcher).
await_output '"reference_number": "登録済"' cli --json patient show "$number" ||
  fail "the 照会番号 was not registered after the valid result was applied in the window: $(cli --json patient show "$number")"
echo "ok: the valid result applied in the window registered the 照会番号"

# 3b. The national system is down (every answer SegmentOfResult 9): the result says so, offers the next
#     steps, and Enter takes the suggested one — receive on the insurance card — never 反映する.
"$sim" --root "$simroot" fault error9 >/dev/null
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key F5
error=$(await_window "資格確認の結果" 150)
[ -n "$error" ] || fail "F5 under error9 did not bring the result dialog"
shot r05b_error_result 0.8
xdotool windowfocus "$error" 2>/dev/null || true
xdotool key Return
await_closed "資格確認の結果"
await_output '保険証・資格確認書で受付' cli --json reception list ||
  fail "Enter on an error result did not receive the patient on the card: $(cli --json reception list)"
cli --json results pending | grep -q '"result_id"' && fail "the error result still waits for a decision"
"$sim" --root "$simroot" fault normal >/dev/null
echo "ok: an error answer offered the next steps; Enter received the patient on the card (unverified)"

# 4. A card result for 髙橋　京子 (P0030, not registered) arrives; F11 opens it; nobody matched, so
#    she is registered from the result.
"$sim" --root "$simroot" face --person P0030 >/dev/null
await_output '"source": "face"' cli --json results pending || fail "the card result was not picked up"
shot r06_card_result_arrived 1.5
card=$(open_with_keys "$window" "資格確認の結果" F11)
[ -n "$card" ] || fail "F11 did not open the card result"
shot r07_card_result_unmatched
xdotool windowfocus "$card" 2>/dev/null || true
# Once round with Tab from the patient choice, where the dialog opens (read by the match above it): the
# comparison, the buttons (反映する is off until a patient is chosen), back to the choice — a GTK choice
# reports no focus, so that last stop shows in the keys after it choosing from it.
from=$(wc -l <"$work/app.log")
for _ in 1 2 3 4 5; do xdotool key Tab; sleep 0.12; done
sleep 0.3
expect_focus_order "the card result dialog" "照合: 該当なし。一致する患者がいません。新しい患者として登録できます。
登録内容と返された内容 — チェックした項目を反映します（氏名・生年月日・被保険者番号は確かめてから）
反映しない
結果票(P)...
後で決める(Esc)" "$(focus_stops "$work/app.log" "$from" "資格確認の結果")"
xdotool key space
sleep 0.4
xdotool key Down Return
sleep 0.4
shot r08_card_result_new_patient 0.3
xdotool key alt+a
await_closed "資格確認の結果"
kyoko=$(cli --json patient search --kana ﾀｶﾊｼｷｮｳｺ | sed -n 's/.*"number": \([0-9]*\).*/\1/p' | head -1)
[ -n "$kyoko" ] || fail "the card result's person was not registered"
cli --json reception list | grep -q 'マイナンバーカードで確認: 有効' || fail "the card result did not take her in"
[ "$(cli --json reception list | grep -c '"visit_id"')" -eq 2 ] || fail "expected two visits today"
shot r09_two_visits 1
echo "ok: the card result registered patient $kyoko and took her in; two visits today"

# 5. Ctrl+E on the selected patient; the settings with their folder test.
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key F2
sleep 0.3
xdotool key Home Return
xdotool key ctrl+e
edit=$(await_window "患者情報の編集")
[ -n "$edit" ] || fail "Ctrl+E did not open the patient editor"
shot r10_patient_editor
xdotool windowfocus "$edit" 2>/dev/null || true
xdotool key Escape
await_closed "患者情報の編集"
xdotool windowfocus "$window" 2>/dev/null || true
xdotool key alt+f
sleep 0.3
xdotool key o
settings=$(await_window "設定")
[ -n "$settings" ] || fail "ファイル → 設定 did not open"
xdotool windowfocus "$settings" 2>/dev/null || true
xdotool key alt+t
shot r11_settings_folder_test
xdotool key Escape
await_closed "設定"
echo "ok: the patient editor and the settings (folder test) opened from the keyboard"

xdotool windowfocus "$window" 2>/dev/null || true
xdotool key ctrl+q
for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app_pid" 2>/dev/null && fail "Ctrl+Q did not close the window"
app_pid=""
cli db check >/dev/null || fail "database check failed after the session"
echo "ok: closed with Ctrl+Q; database check passes"
