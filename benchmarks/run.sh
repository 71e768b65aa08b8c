#!/usr/bin/env bash
# The quick benchmark suite (a few minutes on 2 cores). Writes benchmarks/results/:
# results.json, results.md and the PNG plots.
# Usage: ./benchmarks/run.sh [--suite=quick|smoke] [--only=pick-cost,tail-latency,...]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl benchmarks -am package
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.microkit.benchmarks.BenchmarkSuite --out=benchmarks/results "$@"
