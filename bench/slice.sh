#!/usr/bin/env bash
# The slice benchmark on a generated FASTQ (plain + gzip, cached under bench/data/):
#   1. quarry slice preprocess of the gzip FASTQ vs `gzip -dc > /dev/null` (throughput ratio, target >= 0.8)
#   2. all slices read in parallel vs one sequential read
#   3. a slice read vs a raw range read of the same bytes (overhead of record splitting)
#   bench/slice.sh              # 2 GB of FASTQ (uncompressed)
#   bench/slice.sh --gb=0.2     # a quick check
# Options: --gb=N --dir=PATH --slices=N --workers=N. BENCH_HEAP overrides the heap (default 512m).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v gzip >/dev/null || { echo "slice.sh: needs gzip on PATH" >&2; exit 2; }
# One reactor run, so the classpath points at the modules just built, not at stale installed jars.
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx"${BENCH_HEAP:-512m}" -XX:+UseParallelGC \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.SliceBenchmark "$@"
