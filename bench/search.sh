#!/usr/bin/env bash
# The catalog index at scale: indexes N synthetic dataset profiles, then keyword and join search
# latency (p50/p99) and join recall against exact containment computed by brute force in the run.
#   bench/search.sh [--datasets=100000] [--queries=200] [--seed=7]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx3g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.SearchBenchmark "$@"
