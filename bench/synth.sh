#!/usr/bin/env bash
# Quarry vs Datafaker (Schema + CsvTransformer, same JVM), @faker-js/faker (node) and Debian's Python
# Faker on the same 10-field mixed table written as CSV, plus the disk's sequential write speed.
#   bench/synth.sh [--rows=2000000] [--datafaker-rows=200000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Peers: the npm package (pinned in bench/peers/package.json) and, as root, Debian's faker.
if command -v npm >/dev/null && [[ ! -d bench/peers/node_modules/@faker-js/faker ]]; then
  (cd bench/peers && npm install --no-audit --no-fund --silent)
fi
if [[ $(id -u) -eq 0 ]] && ! /usr/bin/python3 -c 'import faker' 2>/dev/null; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-fake-factory >/dev/null
fi
mvn -q -B -DskipTests -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.quarry.bench.SynthBenchmark "$@"
