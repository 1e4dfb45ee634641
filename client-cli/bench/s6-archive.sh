#!/usr/bin/env bash
# Scenario 6, the chat archive, in two parts.
#
# 1. The archive alone (issue 12: 150 000 messages/s at no more than 2 us of server CPU per message): the
#    db module's ArchiveThroughputBenchmark offers room messages at ARCHIVE_RATE (default 150000) per
#    second for a warm-up and a measured window, on the embedded H2 and on PostgreSQL, each alone, and
#    reports messages written per second, refusals, the largest backlog and CPU per message (this JVM's,
#    the archive's share of it, and PostgreSQL's processes'). EmbeddedEngineBenchmark then writes the same
#    rows into H2, SQLite and HSQLDB as fast as each goes. Results: $RUN_DIR/archive-alone.txt.
#    Skip with S6_SKIP_ALONE=1.
# 2. The server end to end: scenario 1's load (1 000 clients, rooms of 10, 10 messages/s each:
#    10 000 messages/s) with the server archiving into PostgreSQL. Reports messages archived per
#    second (messages counted with psql from the chunks, and the server's tavern_db_archive_written_total) and the
#    archive backlog (tavern_db_archive_backlog) sampled every second: it must not grow without bound.
#    Skip with S6_SKIP_SERVER=1.
#
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres client-cli/bench/s6-archive.sh [extra server settings]
#   ARCHIVE_RATE=150000 ARCHIVE_WARMUP=PT45S ARCHIVE_DURATION=PT30S (part 1)
#
# Creates (and drops first) the database tavern_bench. Needs psql/createdb/dropdb and a server that
# lets PGUSER in without a password, or PGPASSWORD set.
source "$(dirname "$0")/lib.sh"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db=${PGDATABASE_BENCH:-tavern_bench}
bench_setup s6-archive

if [[ ${S6_SKIP_ALONE:-0} != 1 ]]; then
  log "archive alone: ${ARCHIVE_RATE:-150000} messages/s on H2 and PostgreSQL, then the embedded engines (a row per message)"
  wait_quiet
  rm -f "$REPO/db/target/archive-throughput.txt" "$REPO/db/target/archive-engines.txt"
  (cd "$REPO" && TAVERN_TEST_PG_URL="jdbc:postgresql://$PGHOST:$PGPORT/postgres" TAVERN_TEST_PG_USER="$PGUSER" \
    TAVERN_TEST_PG_PASSWORD="${PGPASSWORD:-}" \
    ./mvnw -B -q -pl db -am test -Dtest='ArchiveThroughputBenchmark,EmbeddedEngineBenchmark' \
      -Dsurefire.failIfNoSpecifiedTests=false -Dtavern.bench=true -Dtavern.bench.rate="${ARCHIVE_RATE:-150000}" \
      -Dtavern.bench.warmup="${ARCHIVE_WARMUP:-PT45S}" -Dtavern.bench.duration="${ARCHIVE_DURATION:-PT30S}" > "$RUN_DIR/archive-alone.log")
  cat "$REPO/db/target/archive-throughput.txt" "$REPO/db/target/archive-engines.txt" | tee "$RUN_DIR/archive-alone.txt"
fi
[[ ${S6_SKIP_SERVER:-0} == 1 ]] && exit 0
dropdb --if-exists "$db"
createdb "$db"
server_start --tavern.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --tavern.db.user="$PGUSER" \
  ${PGPASSWORD:+--tavern.db.password="$PGPASSWORD"} "$@"

# Messages stored: the archive keeps a row per chunk (a channel's share of a batch), with its message count.
rows() { psql -d "$db" -Atc "select coalesce(sum(message_count), 0) from chat_chunk" 2>/dev/null || echo 0; }
(
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    echo "$(date +%s.%N) $(metric tavern_db_archive_backlog) $(metric tavern_db_archive_written_total)"
    sleep 1
  done
) > "$RUN_DIR/archive.txt" &
sampler=$!

run_bench s6 --clients 1000 --room-size 10 --rate 10 --size 64 \
  --warmup "$WARMUP" --duration "$DURATION" > /dev/null
# The measured period, from the bench's own progress: archive rate over exactly that window.
sleep 5   # the last batches (flush interval 100 ms) reach the database
kill "$sampler" 2>/dev/null || true
total_rows=$(rows)
server_stop

summarize "$RUN_DIR/s6.json"
echo "messages in chat_chunk after the run: $total_rows (messages accepted, warm-up included)"
python3 - "$RUN_DIR/archive.txt" "$RUN_DIR/s6.json" <<'PY' | tee "$RUN_DIR/archive-summary.txt"
import json, sys
samples = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 3]
run = json.load(open(sys.argv[2]))
pts = [(float(t), float(b), float(w)) for t, b, w in samples]
if len(pts) < 3:
    sys.exit("too few samples")
# the measured window is the last (measuredSeconds + drain) seconds before the bench ended; use the
# samples whose written counter was rising, and the whole run for the backlog
rate = [(pts[i + 1][2] - pts[i][2]) / (pts[i + 1][0] - pts[i][0]) for i in range(len(pts) - 1)]
busy = [r for r in rate if r > 0]
backlogs = [b for _, b, _ in pts]
print(f"archived: {pts[-1][2]:.0f} messages; while chat ran {sum(busy)/len(busy):.0f} messages/s on average "
      f"(max {max(busy):.0f}/s over {len(busy)} one-second samples); sent {run['bench']['sentPerSecond']}/s measured")
print(f"backlog: max {max(backlogs):.0f}, last 5 samples {[int(b) for b in backlogs[-5:]]}")
third = len(backlogs) // 3
print(f"backlog by thirds of the run (mean): {[round(sum(x)/len(x)) for x in (backlogs[:third], backlogs[third:2*third], backlogs[2*third:]) if x]}")
PY
