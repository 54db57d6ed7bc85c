# What the GUI scripts share: finding the product's windows on the Xvfb display by their title.
# Sourced by gui_smoke.sh and reception_flow.sh.

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
