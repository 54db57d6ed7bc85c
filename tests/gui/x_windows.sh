# What the GUI scripts share: starting Xvfb, finding the product's windows on it by their title, and
# reading the focus trace.
# Sourced by gui_smoke.sh, reception_flow.sh, keyboard_order.sh and login_lock.sh.

# Starts Xvfb on a free display and exports DISPLAY; sets xvfb_pid for the script's cleanup. The screen is
# 1280×800 (a reception PC's small screen) unless RECECON_SCREEN says otherwise (e.g. 1920x1080).
# Xvfb's messages go to the file $1; calls the script's fail when it does not start.
start_xvfb() {
  exec 3< <(exec Xvfb -displayfd 1 -screen 0 "${RECECON_SCREEN:-1280x800}x24" -nolisten tcp 2>"$1")
  xvfb_pid=$!
  local display_number
  read -r -t 20 display_number <&3 || fail "Xvfb did not start: $(cat "$1")"
  export DISPLAY=":$display_number"
}

# The visible rececon window whose title contains $1, or nothing. GTK sets only _NET_WM_NAME
# (xdotool --name reads WM_NAME), so each visible window's title is read with xprop.
window_titled() {
  local candidate
  for candidate in $(xdotool search --onlyvisible --class rececon 2>/dev/null || true); do
    if xprop -id "$candidate" _NET_WM_NAME 2>/dev/null | grep -q "$1"; then echo "$candidate"; return; fi
  done
}

# Waits for the window titled $1 ($2 tenths of a second, default 50) and prints its id (nothing when it
# did not appear).
await_window() {
  local found=""
  for _ in $(seq 1 "${2:-50}"); do
    found=$(window_titled "$1")
    [ -n "$found" ] && break
    sleep 0.1
  done
  echo "$found"
}

# For a window started with --trace-focus, whose output is in the file $1: the focus stops printed since
# line $2 for the window whose title starts with $3, one per line. The focus is printed at the first event after it moved,
# so a walk may start with the control it started from; one with nothing to read for it (an empty label)
# is left out.
focus_stops() {
  tail -n +"$2" "$1" | grep -F "focus: $3" | sed "s/^focus: .* | //" | grep -v '^$' || true
}

# Compares the stops walked ($3) on the screen named $1 with the expected reading order ($2, one per
# line): the last stops, as many as expected, since a form that opens may pass the focus through its
# default button before its first item. Calls the script's fail on a difference.
expect_focus_order() {
  local screen=$1 expected=$2
  local walked
  walked=$(echo "$3" | tail -n "$(echo "$expected" | wc -l)")
  if [ "$walked" != "$expected" ]; then
    fail "Tab order of $screen:
--- reading order
$expected
--- Tab went
$3"
  fi
  echo "ok: $screen — Tab follows the reading order ($(echo "$expected" | wc -l) stops)"
}

# Waits (up to $2 tenths of a second, default 50) until no window titled $1 is shown; calls the script's
# fail with $3 (default: the window did not close) when it stays.
await_closed() {
  for _ in $(seq 1 "${2:-50}"); do
    [ -z "$(window_titled "$1")" ] && return 0
    sleep 0.1
  done
  fail "${3:-the window \"$1\" did not close}"
}

# Focuses the window $1, presses the keys $3… and waits for the window titled $2; presses them again, up to
# three times, while it has not appeared — under load a key sent while the window was still busy or not yet
# focused is lost. Only for keys that merely open a window (pressing twice cannot do anything twice).
# Prints the new window's id (nothing when it never appeared).
open_with_keys() {
  local owner=$1 title=$2 found=""
  shift 2
  for _ in 1 2 3; do
    timeout 3 xdotool windowfocus --sync "$owner" 2>/dev/null || true
    xdotool key "$@"
    found=$(await_window "$title" 30)
    [ -n "$found" ] && break
  done
  echo "$found"
}
