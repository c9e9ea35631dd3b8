#!/usr/bin/env bash
# The same heavy profile on the local engine, Spark local[2] and a real standalone cluster (Master
# and two one-core Workers on 127.0.0.1, started from the Spark jars) with 1 and 2 workers.
#   bench/spark.sh [--gb=1]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.SparkBenchmark "$@"
