#!/usr/bin/env bash
# Who is at the desk, under Xvfb, through the README's run command (install and build skipped): its first
# run makes the demo site's administrator and prints the password once; the administrator enrols the
# confirmation-code app from the CLI (the key printed as text and a QR code; oathtool stands in for the
# phone). The window then opens with its login: a wrong password is said in the dialog; the right password
# and code open the desk. After a few idle seconds (--idle-lock-seconds) a cover hides the whole screen
# behind the lock, which the password alone opens again. Ctrl+L locks at once; another user logs in from the lock, changes
# their initial password and is shown the enrolment with its QR code. Screenshots of each screen.
# Usage: login_lock.sh BUILD_DIR SCREENSHOT_DIR
set -euo pipefail

build=$1
shots=$2
here=$(cd "$(dirname "$0")" && pwd)
run="$here/../../setup/run.sh"
cli_bin="$build/app/cli/rececon-cli"
mkdir -p "$shots"
work=$(mktemp -d)
data="$work/受付データ"
xvfb_pid="" run_pid=""
cleanup() {
  [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "login_lock: FAILED: $*" >&2
  cp "$work/run.log" "$shots/login_lock_run.log" 2>/dev/null || true
  import -window root "$shots/login_lock_failure.png" 2>/dev/null || true
  exit 1
}
source "$here/x_windows.sh"
export RECECON_SKIP_BUILD=1 RECECON_BUILD_DIR="$build"
cli() { "$cli_bin" --data-dir "$data" "$@"; }
shot() { sleep "${2:-0.8}"; import -window root "$shots/$1.png"; }
# Sets `code` to what the phone shows for a step not used yet (each is spent once) within one step of now,
# waiting for the clock when the next one is not near enough.
last_step=0
next_code() {
  local now step
  now=$(($(date +%s) / 30))
  step=$((now > last_step ? now : last_step + 1))
  while [ "$step" -gt $(($(date +%s) / 30 + 1)) ]; do sleep 1; done
  last_step=$step
  code=$(oathtool --totp -b --now "@$((step * 30))" "$key")
}
type_text() { xdotool type --delay 30 "$1"; }

for tool in Xvfb xdotool xprop import oathtool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (run setup/install-deps.sh)"
done

# 1. The first run prepares the demo site and prints the administrator's password once.
set +e
first=$(env -u DISPLAY -u WAYLAND_DISPLAY "$run" --data-dir "$data" 2>&1)
set -e
password=$(sed -n 's/.*ユーザーID demo  パスワード \([0-9a-f-]*\).*/\1/p' <<<"$first" | head -1)
[ "${#password}" -eq 19 ] || fail "the first run printed no demo administrator's password: $first"
again=$(env -u DISPLAY -u WAYLAND_DISPLAY "$run" --data-dir "$data" 2>&1 || true)
! grep -q "$password" <<<"$again" || fail "the second run printed the password again"
echo "ok: the first run made the demo administrator and printed the password once"

# 2. The administrator's first login (CLI) shows the key and the QR code; the next one confirms the app.
shown=$(printf '%s\n' "$password" | cli login --user demo 2>&1 || true)
key=$(sed -n 's/.*キー: \([A-Z2-7]*\).*/\1/p' <<<"$shown" | head -1)
[ "${#key}" -eq 32 ] || fail "no key shown at the first login: $shown"
grep -q "█" <<<"$shown" || fail "no QR code printed at the first login"
next_code
printf '%s\n%s\n' "$password" "$code" | cli login --user demo >/dev/null || fail "the app's code was not accepted"
printf 'Shoki#Pass1\n' | cli user add --user sup1 --name "責任者　三郎" --roles clerk,supervisor >/dev/null
cli logout >/dev/null
echo "ok: the administrator enrolled the app from the CLI and added a supervisor"

# 3. The window opens with its login; a wrong password is said in the dialog, which stays.
start_xvfb "$work/xvfb.log"
"$run" --data-dir "$data" --idle-lock-seconds 4 >"$work/run.log" 2>&1 &
run_pid=$!
login=$(await_window "レセコン - ログイン" 200)
[ -n "$login" ] || fail "the login did not appear"
[ -z "$(window_titled "レセコン — 受付")" ] || fail "the desk opened before anyone logged in"
xdotool windowfocus --sync "$login" 2>/dev/null || true
type_text demo; xdotool key Tab; type_text "Chigau-2026!"; xdotool key Tab; type_text 000000
shot 30_login
xdotool key Return
shot 31_login_wrong 1.2
[ -n "$(window_titled "レセコン - ログイン")" ] || fail "the login closed on a wrong password"
echo "ok: the login screen; a wrong password keeps it open"

# 4. The right password and code open the desk for that user.
next_code
type_text "$password"; xdotool key Tab; type_text "$code"; xdotool key Return
desk=$(await_window "レセコン — 受付" 100)
[ -n "$desk" ] || fail "the desk did not open after the right password and code"
shot 32_desk_logged_in 0.5
echo "ok: the right password and code open the desk"

# 5. Idle: the desk hides behind the lock; the password alone opens it again.
lock=$(await_window "画面のロック" 150)
[ -n "$lock" ] || fail "the screen did not lock after the idle seconds"
cover=$(window_titled "ロック中")
[ -n "$cover" ] || fail "the screen is not covered while locked"
geometry=$(xdotool getwindowgeometry "$cover" | sed -n 's/.*Geometry: //p')
[ "$geometry" = "${RECECON_SCREEN:-1280x800}" ] || fail "the cover is $geometry, not the whole screen"
shot 33_lock_screen
xdotool windowfocus --sync "$lock" 2>/dev/null || true
type_text "$password"; xdotool key Return
await_closed "画面のロック" 50 "the password did not unlock the desk"
[ -z "$(window_titled "ロック中")" ] || fail "the cover stayed after the unlock"
echo "ok: idle lock hid the desk; the password opened it again"

# 6. Ctrl+L locks at once; another user logs in from the lock, changes the initial password and is shown
#    the enrolment of the app with its QR code.
xdotool windowfocus --sync "$desk" 2>/dev/null || true
xdotool key ctrl+l
lock=$(await_window "画面のロック" 50)
[ -n "$lock" ] || fail "Ctrl+L did not lock"
xdotool windowfocus --sync "$lock" 2>/dev/null || true
xdotool key alt+a
sleep 0.5
type_text sup1; xdotool key Tab; type_text "Shoki#Pass1"; xdotool key Return
change=$(await_window "パスワードの変更" 50)
[ -n "$change" ] || fail "the initial password was not asked to be changed"
xdotool windowfocus --sync "$change" 2>/dev/null || true
type_text "Sekinin-Pass8"; xdotool key Tab; type_text "Sekinin-Pass8"; xdotool key Return
enrol=$(await_window "認証アプリの登録" 50)
[ -n "$enrol" ] || fail "the supervisor was not shown the enrolment"
shot 34_totp_enrolment
xdotool windowfocus --sync "$enrol" 2>/dev/null || true
xdotool key Escape
await_closed "認証アプリの登録" 30
[ -n "$(window_titled "画面のロック")" ] || fail "the lock closed for a supervisor without the app"
echo "ok: switching user from the lock: password change, then the enrolment with its QR code"

# 7. The administrator takes the desk back; the register knows who did what.
lock=$(await_window "画面のロック" 30)
xdotool windowfocus --sync "$lock" 2>/dev/null || true
next_code
type_text demo; xdotool key Tab; type_text "$password"; xdotool key Tab; type_text "$code"
xdotool key Return
await_closed "画面のロック" 50 "the administrator could not take the desk back"
xdotool windowfocus --sync "$desk" 2>/dev/null || true
xdotool key ctrl+q
for _ in $(seq 1 100); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.1; done
run_pid=""
next_code
printf '%s\n%s\n' "$password" "$code" | cli login --user demo >/dev/null || fail "the CLI login after the window failed"
kinds=$(cli --json user events demo)
for kind in '"login"' '"login_failed"' '"unlocked_screen"'; do
  grep -q "$kind" <<<"$kinds" || fail "no $kind event for demo"
done
grep -q '"password_changed"' <<<"$(cli --json user events sup1)" || fail "no password change for sup1"
cli audit verify >/dev/null || fail "the audit trail does not verify"
echo "ok: events recorded (login, failure, screen unlocked, password changed); the trail verifies"
