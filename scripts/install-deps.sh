#!/usr/bin/env bash
# Installs Kavosh's build and test dependencies from Debian packages, only those missing.
# Usage: scripts/install-deps.sh [--browser] [--bench]
set -euo pipefail

packages=(build-essential cmake pkg-config libxapian-dev xapian-tools libicu-dev
          libcpp-httplib-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
          libxml2-dev libjemalloc-dev myspell-fa python3 curl time)
for arg in "$@"; do
  case "$arg" in
    --browser) packages+=(chromium nodejs npm) ;;
    --bench) packages+=(wrk hyperfine valgrind) ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from elsewhere (nvm, NodeSource): accept any node/npm on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=()
for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done
if [ ${#filtered[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${filtered[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${filtered[@]}"
