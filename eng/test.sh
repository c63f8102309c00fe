#!/usr/bin/env bash
# Runs the whole test suite and prints one summary line computed from the TRX results:
#   N passed, N failed, N skipped
# Builds the whole solution first (samples and benchmarks included), then runs each test project
# with its own TRX file. Exits non-zero if the build or any test failed.
set -uo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Hyperlight.sln -c "$configuration" -v quiet -nologo; then
  echo "0 passed, 1 failed, 0 skipped"
  echo "the solution did not build" >&2
  exit 1
fi

status=0
broken=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  if ! dotnet test "$project" -c "$configuration" --no-build \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" --blame-hang-timeout "${TEST_HANG_TIMEOUT:-10m}" "$@"; then
    status=1
    # A crashed or hung test host may leave no failed test in its TRX: count the run itself.
    grep -q 'failed="[1-9]' "$results/$name.trx" 2>/dev/null || broken=$((broken + 1))
  fi
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # xunit's skipped tests are counted in total but not in executed.
  skipped=$((skipped + $(get total) - $(get executed)))
done

failed=$((failed + broken))
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$files" -eq 0 ]; then
  echo "no test results were written" >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
