#!/usr/bin/env bash
# Profiles the same generated CSV (default ~1 GB, 20 mixed columns) and its Parquet copy with
# Quarry and with DuckDB SUMMARIZE in one JVM, and prints times, peak memory and the ratio.
#   bench/profile.sh                 # 1 GB CSV + Parquet, Quarry vs DuckDB, 512 MB heap
#   bench/profile.sh --gb=10 --quarry-only --no-parquet   # the big-file heap check
# BENCH_HEAP overrides the heap (default 512m).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# One reactor run, so the classpath points at the modules just built, not at stale installed jars.
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx"${BENCH_HEAP:-512m}" -XX:+UseParallelGC \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.ProfileBenchmark "$@"
