#!/usr/bin/env bash
# The benchmark: a Release build of the API with pre-generated code (deploy/build-release.sh), then the bench
# program, which starts its own durable PostgreSQL and the API on loopback and prints one report.
# Usage: bench/run.sh [--clients 16] [--seconds 60] [--rates 200,350,500] (docs/benchmarks.md: 200,500,800, and 200,350,500 for run N) [--rate-seconds 30] [--events 1000000] [--page-rate 20] [--keep]
# Takes about 15 minutes on the 2-core reference machine. Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/build-release.sh artifacts/bench-api
dotnet run -c Release --project bench/Incidents.Bench -- --api artifacts/bench-api/Incidents.Api.dll "$@"
