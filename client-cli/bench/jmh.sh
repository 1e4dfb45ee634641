#!/usr/bin/env bash
# The JMH microbenchmarks of the hot paths (app/src/test/java/io/tavern/server/bench): frame encode
# and decode, SendQueue enqueue and coalesced flush, room fan-out to 10 / 100 / 1 000 members, with
# the allocation profiler (-prof gc: gc.alloc.rate.norm is bytes allocated per operation).
#
#   client-cli/bench/jmh.sh ["JMH arguments", default: all of them with -prof gc]
#
# Same as: ./mvnw -B -pl app -am -Pjmh -DskipTests test -Djmh.args="..." (the reactor builds the
# modules the app depends on; nothing is installed into ~/.m2).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
out=${BENCH_OUT:-/tmp/tavern-bench}/jmh-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
args=${1:-"io.tavern.server.bench -prof gc"}
cd "$REPO"
./mvnw -B -pl app -am -Pjmh -DskipTests test -Djmh.args="$args -rf json -rff $out/jmh.json" | tee "$out/jmh.log" \
  | sed -n '/^Benchmark /,/^\[INFO\]/p' | grep -v -e ':gc.count' -e ':gc.time' -e 'churn' -e '^\[INFO\]'
echo "results: $out/jmh.json"
