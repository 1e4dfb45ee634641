#!/usr/bin/env bash
# Scenario 8, overload without casualties (issue 12, item 6): 2 000 clients in ONE room at 1 message/s
# each, 64-byte text: 4 000 000 deliveries/s owed, more than any server on this machine can write.
# Tavern only (the bare baseline has no admission to compare). What is measured: that no well-behaved
# client is disconnected (the bench's DISCONNECTED_* errors stay 0), that the room sheds the excess as
# SERVER_BUSY refusals with a retry hint (the bench's refusals), what is delivered and how late, and the
# server's memory (RSS, and the outbound bytes it holds against tavern.net.outbound-budget).
#
#   CLIENTS=2000 RATE=1 WARMUP=10s DURATION=30s client-cli/bench/s8-overload.sh [extra Tavern settings]
#
# The clients connect from 127.0.0.1-127.0.0.4 so that no address passes the default 1 024 connections
# per IP; the room's capacity is raised to CLIENTS, the one setting the scenario needs.
source "$(dirname "$0")/lib.sh"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
clients=${CLIENTS:-2000}
bench_setup s8-overload
server_start --tavern.rooms.max-capacity="$clients" "$@"
run_bench s8 --clients "$clients" --room-size "$clients" --rate "${RATE:-1}" --size 64 --connect-rate 1000/s \
  --bind-address 127.0.0.1-127.0.0.4 --warmup "$WARMUP" --duration "$DURATION" > /dev/null || true
held=$(metric tavern_net_outbound_held_bytes || true)
budget_closes=$(metric tavern_net_outbound_budget_closes_total || true)
shed=$(metric tavern_chat_admission_refused_total || true)
rss=$(rss_kib "$SERVER_PID")
server_stop
summarize "$RUN_DIR/s8.json" | tee "$RUN_DIR/summary.txt"
jq -r --arg held "${held:-?}" --arg closes "${budget_closes:-?}" --arg shed "${shed:-?}" --arg rss "$rss" \
  '"disconnects seen by the clients: \([.bench.errors | to_entries[] | select(.key | startswith("DISCONNECTED_")) | .value] | add // 0) (\(.bench.errors | tostring)); refusals \(.bench.refusals | tostring); server: chat lines shed \($shed), outbound bytes held at the end \($held), sessions closed for the budget \($closes), RSS \($rss) KiB"' \
  "$RUN_DIR/s8.json" | tee -a "$RUN_DIR/summary.txt"
