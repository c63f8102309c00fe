#!/usr/bin/env bash
# Builds a C guest into a Wasm module with the SDK runtime linked in.
#   guest-sdk/build-guest.sh OUTPUT.wasm SOURCE.c [MORE.c ...]
set -euo pipefail
sdk="$(cd "$(dirname "$0")" && pwd)"
out="$1"; shift
clang --target=wasm32 -nostdlib -O2 -fno-builtin -std=c11 -Wall -Werror \
  -I "$sdk/include" \
  -Wl,--no-entry \
  -o "$out" "$@" "$sdk/src/hyperlight_guest.c"
