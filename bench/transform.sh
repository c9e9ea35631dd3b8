#!/usr/bin/env bash
# Transforms the same generated Parquet corpus (default ~2 GB of text over 64 files) with Quarry and
# with DuckDB in one JVM: noop vs COPY (SELECT * FROM read_parquet(...)) TO ..., and ededup vs the
# same exact dedup in DuckDB SQL; prints times, throughput and the ratios.
#   bench/transform.sh                 # ~2 GB corpus
#   bench/transform.sh --gb=0.05       # a quick check
# Options: --gb=N (text bytes of the corpus, default 2), --files=N (default 64), --dir=PATH
# (default bench/data/transform), --workers=N (default: cores). BENCH_HEAP overrides the heap (2g).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# One reactor run, so the classpath points at the modules just built, not at stale installed jars.
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx"${BENCH_HEAP:-2g}" -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.TransformBenchmark "$@"
