#!/usr/bin/env bash
# Tab order, control by control, in the window and its forms, and the window's two languages. The
# window runs with --trace-focus, which prints each control that takes the keyboard focus with the text
# a clerk reads for it; each screen is walked with Tab once round and the order compared with the
# reading order (top to bottom, left to right, a form's left box before its right box). Also: a label's
# mnemonic leads to its field (Alt+D in the appointment form), the settings' choice of request encoding
# is reachable by Tab (it reports no focus of its own, so it is shown by its effect), and --language en
# shows the English msgids while the default is Japanese.
# Usage: keyboard_order.sh BUILD_DIR SCREENSHOT_DIR
set -euo pipefail

build=$1
shots=$2
here=$(cd "$(dirname "$0")" && pwd)
cli_bin="$build/app/cli/rececon-cli"
mkdir -p "$shots"
work=$(mktemp -d)
data="$work/受付データ"
xvfb_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "keyboard_order: FAILED: $*" >&2
  cp "$work/focus.log" "$shots/keyboard_focus.log" 2>/dev/null || true
  import -window root "$shots/keyboard_failure.png" 2>/dev/null || true
  exit 1
}
cli() { "$cli_bin" --data-dir "$data" --operator kb-test "$@"; }
source "$here/x_windows.sh"

for tool in Xvfb xdotool xprop import; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (run setup/install-deps.sh)"
done

cli demo import-sim-persons --limit 2 >/dev/null
start_xvfb "$work/xvfb.log"

start_app() {
  "$build/app/gui/rececon" --data-dir "$data" --operator kb-test "$@" >"$work/focus.log" 2>"$work/app.err" &
  app_pid=$!
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }

log_lines() { wc -l <"$work/focus.log"; }
stops_since() { focus_stops "$work/focus.log" "$@"; }
press_tab() { for _ in $(seq 1 "$1"); do xdotool key Tab; sleep 0.12; done; sleep 0.3; }

# Opens a screen with the key(s) $2, waits for the window titled $1 and focuses it; prints its id.
open_screen() {
  local title=$1
  shift
  xdotool key "$@"
  local id
  id=$(await_window "$title")
  [ -n "$id" ] || fail "\"$*\" did not open \"$title\""
  xdotool windowfocus "$id" 2>/dev/null || true
  sleep 0.4
  echo "$id"
}

expect_order() { expect_focus_order "$@"; }

# 1. Japanese by default.
start_app --trace-focus
main=$(await_window "レセコン — 受付" 200)
[ -n "$main" ] || fail "the main window did not appear in Japanese (catalog not loaded?): $(cat "$work/app.err")"
xdotool windowfocus "$main" 2>/dev/null || true
sleep 0.5
# Nobody is chosen at start (the patient panel is empty); F3, a patient number and Enter choose one.
xdotool key F3
sleep 0.3
xdotool type --delay 30 "1"
xdotool key Return
sleep 0.5

# 2. The main window, once round from the search list: the right-hand patient panel (its buttons,
#    then its insurance list), the arrived results below, the banner's buttons, the tabs, the list again.
from=$(log_lines)
press_tab 8
walked=$(stops_since "$from" "レセコン — 受付")
expect_order "the main window" "資格確認 F5
編集 Ctrl+E
カルテ1号用紙(K)... Ctrl+P
保険情報（新しい順）
届いた結果（未処理 0 件）
単独モードに切り替える(F8)
連携の点検(F9)
notebook" "$walked"

# 3. The registration form: the patient's items, then the card's, then the buttons as they stand
#    (GTK puts 取消 left of 登録), and round to the first item.
patient_form_items="氏名
カナ
性別
生年月日
郵便番号
住所
電話番号
メモ
保険者番号
記号
番号
枝番
本人・家族
被保険者氏名
資格取得日
有効開始日
有効終了日
負担割合
高齢受給者 負担割合
高齢受給者 有効開始
高齢受給者 有効終了
保険者名称"
from=$(log_lines)
editor=$(open_screen "新しい患者の登録" ctrl+n)
press_tab 25
walked=$(stops_since "$from" "新しい患者の登録")
expect_order "the registration form" "$patient_form_items
取消
登録
氏名
カナ" "$walked"
xdotool key Escape
sleep 0.5

# 4. The appointment form (for the selected patient: the cursor starts on 時刻), and Alt+D / Alt+K,
#    whose labels precede their fields.
from=$(log_lines)
open_screen "予約の登録" F4 >/dev/null
press_tab 8
xdotool key alt+d
sleep 0.3
xdotool key alt+k
sleep 0.3
walked=$(stops_since "$from" "予約の登録")
expect_order "the appointment form" "時刻
診療科
医師
メモ
取消
登録
患者番号
予約日
時刻
予約日
診療科" "$walked"
xdotool key Escape
sleep 0.5

# 5. Settings: the items top to bottom, each folder followed by its 参照...; the request-encoding
#    choice sits between the face folder's 参照... and the first time-out, shown by changing it with
#    Down and saving.
from=$(log_lines)
open_screen "設定" alt+f o >/dev/null
press_tab 10
xdotool key Down
press_tab 7
walked=$(stops_since "$from" "設定")
expect_order "the settings" "医療機関コード
医療機関名
既定の操作者ID
端末名
要求フォルダ（req）
参照...
結果フォルダ（res）
参照...
顔認証結果フォルダ（face）
参照...
資格確認の応答待ち時間（秒）
一括照会の応答待ち時間（秒）
読めない結果ファイルを隔離するまでの待ち時間（秒）
フォルダをテスト
保存
取消
医療機関コード" "$walked"
xdotool key alt+o
sleep 1
[ -z "$(window_titled "設定")" ] || xdotool key Escape
[ "$(cli config get linkage.request_encoding 2>/dev/null | cut -f2)" = "shift_jis" ] ||
  fail "Down after the 10th Tab did not change the request encoding: $(cli config get linkage.request_encoding 2>&1)"
echo "ok: the request-encoding choice is the 10th stop of the settings"
sleep 0.5

# 6. The 4-item record.
from=$(log_lines)
open_screen "4項目の記録" F7 >/dev/null
press_tab 9
walked=$(stops_since "$from" "4項目の記録（マイナンバーカード）")
expect_order "the 4-item record" "氏名
氏名カナ
性別
生年月日
住所
保険者名
患者番号
取消
保存
氏名" "$walked"
xdotool key Escape
sleep 0.5

# 7. The worklist, from its list (where it opens; read by the summary above it): the details (a text
#    box with no label), the buttons left to right, 照会日, (the filter choice, silent), 表示, the list.
from=$(log_lines)
open_screen "一括照会の作業リスト" F12 >/dev/null
press_tab 10
walked=$(stops_since "$from" "一括照会の作業リスト" | sed 's/^令和[0-9]*年[0-9]*月[0-9]*日/〈日付〉/')
expect_order "the worklist" "〈日付〉 の一括照会はまだ実行されていません。
text
患者を開く(Enter)
対応済み／未対応(Space)
CSV に保存(S)...
印刷・PDF(P)...
閉じる
照会日
表示
〈日付〉 の一括照会はまだ実行されていません。" "$walked"
xdotool key Escape
sleep 0.5

# 8. The patient editor (Ctrl+E, the selected patient): the same order as the registration form.
from=$(log_lines)
open_screen "患者情報の編集" ctrl+e >/dev/null
press_tab 23
walked=$(stops_since "$from" "患者情報の編集")
expect_order "the patient editor" "$patient_form_items
取消
保存" "$walked"
xdotool key Escape
sleep 0.5

# 9. The print preview (Ctrl+P, カルテ1号用紙): the buttons along the top left to right, then the page
#    (nothing to read for it, so not listed), round to 前の頁.
from=$(log_lines)
open_screen "印刷プレビュー" ctrl+p >/dev/null
press_tab 7
walked=$(stops_since "$from" "印刷プレビュー")
expect_order "the print preview" "前の頁(PageUp)
次の頁(PageDown)
印刷(P)... Ctrl+P
PDF に保存(S)... Ctrl+S
閉じる(Esc)" "$walked"
xdotool key Escape
sleep 0.5

# 10. The linkage diagnosis (F9): the list of checks (read by the summary above it), the details, the
#     buttons.
from=$(log_lines)
open_screen "連携の点検" F9 >/dev/null
press_tab 4
walked=$(stops_since "$from" "連携の点検")
expect_order "the linkage diagnosis" "異常があります。「次にすること」を上から順に行ってください。
text
再点検
閉じる" "$walked"
xdotool key Escape
sleep 0.5
stop_app

# 11. --language en: the English msgids.
start_app --language en
english=$(await_window "Rececon - Reception" 200)
[ -n "$english" ] || fail "--language en did not show the English title: $(cat "$work/app.err")"
sleep 0.8
import -window root "$shots/k01_english.png"
stop_app
echo "ok: --language en shows the window in English (k01_english.png)"
