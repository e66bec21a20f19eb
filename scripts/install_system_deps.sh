#!/usr/bin/env bash
# Install the C++ headers warta builds against (ICU, Eigen, xxHash, robin-map) where they are missing.
# With --lint also cppcheck (make lint-cpp), with --browser also Chromium (tests/test_browser.py
# opens the executed notebooks in it); building and using warta need neither.
set -euo pipefail
need=()
[ "${1:-}" != "--lint" ] || command -v cppcheck >/dev/null || need+=(cppcheck)
[ "${1:-}" != "--browser" ] || command -v chromium >/dev/null || need+=(chromium)
[ -f /usr/include/unicode/brkiter.h ] || need+=(libicu-dev)
[ -d /usr/include/eigen3/Eigen ] || need+=(libeigen3-dev)
[ -f /usr/include/xxhash.h ] || need+=(libxxhash-dev)
[ -f /usr/include/tsl/robin_map.h ] || need+=(robin-map-dev)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing system packages: ${need[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q "${need[@]}" >/dev/null
}
