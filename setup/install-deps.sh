#!/usr/bin/env bash
# Installs every Debian package needed to build, run and test rececon.
# Idempotent and non-interactive; run as root (or through sudo) on Debian 12.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git gettext
  libwxgtk3.2-dev wx3.2-i18n
  libsqlitecpp-dev libsqlite3-dev
  libpugixml-dev
  libpoco-dev
  catch2
  libcsv-dev
  libpqxx-dev postgresql
  libsodium-dev liboath-dev oathtool libqrencode-dev
  libpango1.0-dev libcairo2-dev fonts-noto-cjk
  poppler-utils
  xvfb xdotool x11-utils imagemagick
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages already installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
