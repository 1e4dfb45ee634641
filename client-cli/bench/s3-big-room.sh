#!/usr/bin/env bash
# Scenario 3, a big room: 2 000 clients in one room, 1 message/s each, 64-byte text. That would owe
# 4 000 000 deliveries/s; the run reports what is sustained, that the server's memory stays bounded
# (heap used and RSS sampled every second), and that slow-consumer closes are counted, on both
# sides (the server's tavern_slow_consumer_closes_total and the clients' DISCONNECTED_SLOW_CONSUMER).
#
# One setting differs from the defaults, because the scenario needs it: a room of 2 000 needs
# --tavern.rooms.max-capacity=2000 (the default largest room is 64).
#
#   client-cli/bench/s3-big-room.sh [extra server settings]
source "$(dirname "$0")/lib.sh"
bench_setup s3-big-room
server_start --tavern.rooms.max-capacity=2000 "$@"

slow_before=$(metric tavern_slow_consumer_closes_total)
# Memory, once a second, for the whole run: heap used (jstat, no pause) and RSS.
(
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    heap=$(jstat -gc "$SERVER_PID" 2>/dev/null | awk 'NR == 2 { printf "%.0f", $3 + $4 + $6 + $8 }')
    echo "$(date +%s) ${heap:-0} $(rss_kib "$SERVER_PID" 2>/dev/null || echo 0) $(metric tavern_frames_out_total) $(metric tavern_sessions)"
    sleep 1
  done
) > "$RUN_DIR/memory.txt" &
sampler=$!

# Four source addresses: 2 000 connections from one would pass the default 1 024 per IP. A short
# warm-up: the overload starts with the first messages, and what it does is what is measured.
run_bench s3 --clients 2000 --room-size 2000 --rate 1 --size 64 --connect-rate 1000/s \
  --bind-address 127.0.0.1-127.0.0.4 --warmup "${WARMUP:-3s}" --duration "${DURATION:-30s}" > /dev/null
slow_after=$(metric tavern_slow_consumer_closes_total)
kill "$sampler" 2>/dev/null || true
server_stop

summarize "$RUN_DIR/s3.json"
jq -r '"owed \(.bench.expected) deliveries (\(.bench.sent) messages x room size), delivered \(.bench.delivered): \(.bench.deliveriesPerSecond) deliveries/s"' "$RUN_DIR/s3.json"
echo "slow-consumer closes counted by the server: $(( ${slow_after:-0} - ${slow_before:-0} )); seen by the clients: $(jq '.bench.errors.DISCONNECTED_SLOW_CONSUMER // 0' "$RUN_DIR/s3.json")"
awk 'NR == 1 { t0 = $1 } { if ($2 > h) h = $2; if ($3 > r) r = $3; n++ } END {
  printf "memory over %d samples: heap used at most %.0f MiB, RSS at most %.0f MiB\n", n, h / 1024, r / 1024 }' "$RUN_DIR/memory.txt"
echo "per second while sessions were open: frames the server wrote, heap used, RSS"
awk 'NR == 1 { t0 = $1; pt = $1; pf = $4 }
     NR > 1 && ($5 > 0 || $4 != pf) { dt = $1 - pt; if (dt > 0) printf "t=%4ds sessions=%5s frames written/s=%8d heap=%6dM rss=%6dM\n", $1 - t0, $5, ($4 - pf) / dt, $2 / 1024, $3 / 1024 }
     { pt = $1; pf = $4 }' "$RUN_DIR/memory.txt" | tee "$RUN_DIR/per-second.txt"
