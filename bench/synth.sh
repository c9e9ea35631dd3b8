#!/usr/bin/env bash
# Quarry vs Datafaker (Schema + CsvTransformer) on the same 10-field mixed table, as CSV, plus the
# disk's sequential write speed.   bench/synth.sh [--rows=2000000] [--datafaker-rows=200000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.SynthBenchmark "$@"
