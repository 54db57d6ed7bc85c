#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test (unit, end-to-end CLI, GUI smoke under Xvfb).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${RECECON_BUILD_DIR:-$root/build}"
"$root/setup/install-deps.sh"
"$root/setup/build.sh"
cd "$build"
ctest --output-on-failure --parallel "$(nproc)"
