#!/usr/bin/env bash
# Builds the benchmarks in Release and runs every one; each prints its figures with the load average.
# PostgreSQL runs when SALESCOACH_BENCH_POSTGRES or SALESCOACH_TEST_POSTGRES is set
# (tests/start-postgres.sh starts a local server and prints a connection string).
# ARTIFACTS overrides the build output folder (default /tmp/art-bench), so parallel builds never collide.
set -euo pipefail
cd "$(dirname "$0")/.."
artifacts="${ARTIFACTS:-/tmp/art-bench}"
dotnet build bench/SalesCoachBot.Bench -c Release --artifacts-path "$artifacts" -v quiet -nologo
bench=(dotnet "$artifacts/bin/SalesCoachBot.Bench/release/SalesCoachBot.Bench.dll")

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uptime)"
"${bench[@]}" import --provider sqlite "$@"
if [ -n "${SALESCOACH_BENCH_POSTGRES:-${SALESCOACH_TEST_POSTGRES:-}}" ]; then
  "${bench[@]}" import --provider postgres "$@"
else
  echo "(PostgreSQL import skipped: set SALESCOACH_BENCH_POSTGRES)"
fi
"${bench[@]}" stall "$@"
"${bench[@]}" coach "$@"
"${bench[@]}" pipeline "$@"
if [ -n "${SALESCOACH_BENCH_POSTGRES:-${SALESCOACH_TEST_POSTGRES:-}}" ]; then
  "${bench[@]}" coach --provider postgres "$@"
  "${bench[@]}" pipeline --provider postgres "$@"
else
  echo "(PostgreSQL coach and pipeline skipped: set SALESCOACH_BENCH_POSTGRES)"
fi
