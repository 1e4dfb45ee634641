#!/usr/bin/env bash
# Scenario 4, idle connections: N connected, logged-in, idle sessions (default 50 000), spread over
# 127.0.0.1-127.0.0.60 so that no source address passes the default 1 024 connections per IP.
# Reports heap and RSS per connection: the server's used heap after a full GC (jcmd GC.run) and its
# RSS, with the sessions and before them, the bytes of the objects that grew (the class histograms' totals) and
# what grew, by class (histogram-growth.txt). Target (issue 12,
# item 7): at most 2 KiB of heap per idle session; RSS with 1 000 idle sessions at most 200 MB when started
# as the container image starts it: SERVER_LAUNCH=image (see lib.sh: Spring Boot's layers and JarLauncher, the
# Dockerfile's ENTRYPOINT flags). Then the RSS is read one native-heap trim (10 s in the image) after the full GC.
#
#   CLIENTS=50000 client-cli/bench/s4-idle.sh [extra server settings]
#
# Each connection costs one file descriptor in the server and one in the load generator, so N is
# capped by the open-files limit (ulimit -n, raised here as far as the hard limit allows): with a
# hard limit of 20 000, about 19 000. The run says when it had to lower N.
source "$(dirname "$0")/lib.sh"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
wanted=${CLIENTS:-50000}
cap=$(( $(ulimit -n) - 1000 ))
clients=$(( wanted < cap ? wanted : cap ))
bench_setup s4-idle
if (( clients < wanted )); then
  log "open-files limit $(ulimit -n) (hard $(ulimit -Hn)): $clients connections instead of $wanted"
  echo "clients lowered from $wanted to $clients: open-files limit $(ulimit -n)" >> "$RUN_DIR/machine.txt"
fi
server_start "$@"
sleep 5
heap0=$(heap_used_kib "$SERVER_PID"); rss0=$(rss_kib "$SERVER_PID")
jcmd "$SERVER_PID" GC.class_histogram > "$RUN_DIR/histogram-before.txt" 2>/dev/null || true
log "before: heap used ${heap0} KiB, RSS ${rss0} KiB"

hold=${HOLD:-90s}
run_bench s4 --idle --clients "$clients" --connect-rate 2000/s --bind-address 127.0.0.1-127.0.0.60 \
  --duration "$hold" > /dev/null &
bench_job=$!
# Measure while the sessions are held: after they are all in, and after a heartbeat (20 s) has passed.
until grep -q "^Holding" "$RUN_DIR/s4.bench.log" 2>/dev/null; do
  kill -0 "$bench_job" 2>/dev/null || break
  sleep 1
done
sleep 30
heap1=$(heap_used_kib "$SERVER_PID")
[[ ${SERVER_LAUNCH:-jar} == image ]] && sleep 11 # what the GC freed in the C heap is trimmed every 10 s there
rss1=$(rss_kib "$SERVER_PID")
# What the sessions hold, by class: the histogram taken with them, and the difference from before.
jcmd "$SERVER_PID" GC.class_histogram > "$RUN_DIR/histogram-with.txt" 2>/dev/null || true
histogram_growth "$RUN_DIR/histogram-before.txt" "$RUN_DIR/histogram-with.txt" 25 > "$RUN_DIR/histogram-growth.txt" || true
sessions=$(metric tavern_sessions || true)
log "with the sessions: heap used ${heap1} KiB, RSS ${rss1} KiB, sessions metric ${sessions:-?}"
# The figures count only if the sessions were still there when they were read: HOLD long enough (the reading
# takes ~50 s after all are in), and every connection made.
if [[ -n $sessions ]] && (( sessions < clients )); then
  log "only ${sessions} of ${clients} sessions were open when the memory was read: HOLD=$hold too short, or" \
    "connections failed (see $RUN_DIR/s4.bench.log)"
  exit 1
fi
wait "$bench_job" || true
server_stop

connected=$(jq '.bench.connected' "$RUN_DIR/s4.json")
# The objects' own bytes, from the two histograms' totals: G1's used heap also counts what its compaction leaves
# unused at the end of regions (16 MiB each with a large maximum heap), megabytes that vary from run to run.
objects0=$(awk '/^Total/ {print $3}' "$RUN_DIR/histogram-before.txt" 2>/dev/null || echo 0)
objects1=$(awk '/^Total/ {print $3}' "$RUN_DIR/histogram-with.txt" 2>/dev/null || echo 0)
jq -n --argjson n "$connected" --argjson h0 "$heap0" --argjson h1 "$heap1" --argjson r0 "$rss0" --argjson r1 "$rss1" \
  --argjson o0 "${objects0:-0}" --argjson o1 "${objects1:-0}" \
  '{connections: $n, heapUsedKiB: {before: $h0, with: $h1}, rssKiB: {before: $r0, with: $r1},
    heapPerConnectionKiB: (($h1 - $h0) / $n * 100 | round / 100),
    objectBytesPerConnection: (($o1 - $o0) / $n | round),
    rssPerConnectionKiB: (($r1 - $r0) / $n * 100 | round / 100)}' | tee "$RUN_DIR/per-connection.json"
jq -r '"connected \(.bench.connected) of \(.bench.clients), connect errors \(.bench.connectErrors), in \(.bench.connectSeconds) s; errors \(.bench.errors|tostring)"' "$RUN_DIR/s4.json"
