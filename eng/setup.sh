#!/usr/bin/env bash
# One-time machine setup for Hyperlight for .NET on Debian/Ubuntu: the native packages that the
# emulated driver (libunicorn2) and the C guest toolchain (clang, lld, wabt) need. The .NET SDK
# itself is expected on PATH. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libunicorn2 libunicorn-dev clang lld wabt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all native packages present (${packages[*]})"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
