#!/usr/bin/env bash
# Scenario 3, big rooms: 5 000 clients in rooms of 50, 1 message/s each, 64-byte text: 250 000
# deliveries/s owed. Run against the bare baseline and Tavern's server in the same session (ROUNDS
# pairs, interleaved); reports what each sustains, losses, latency, CPU per delivery, the server's
# RSS, and slow-consumer closes (DISCONNECTED_SLOW_CONSUMER in the errors).
#
#   CLIENTS=5000 ROOM_SIZE=50 RATE=1 client-cli/bench/s3-big-room.sh [extra Tavern settings]
#
# The clients connect from 127.0.0.1-127.0.0.8 so that no address passes Tavern's default 1 024
# connections per IP. A room over Tavern's default largest room (64) adds
# --tavern.rooms.max-capacity=ROOM_SIZE, the one setting the scenario then needs (e.g. ROOM_SIZE=2000
# CLIENTS=2000: one room of 2 000, which overloads any server here; what is measured is that it
# stays up, bounds its memory and counts the slow consumers it closes).
source "$(dirname "$0")/lib.sh"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
clients=${CLIENTS:-5000}
room_size=${ROOM_SIZE:-50}
bench_setup s3-big-room
TAVERN_ARGS=("$@")
if ((room_size > 64)); then
  TAVERN_ARGS=(--tavern.rooms.max-capacity="$room_size" ${TAVERN_ARGS[@]+"${TAVERN_ARGS[@]}"})
fi
compare s3 --clients "$clients" --room-size "$room_size" --rate "${RATE:-1}" --size 64 --connect-rate 1000/s \
  --bind-address 127.0.0.1-127.0.0.8 --warmup "$WARMUP" --duration "$DURATION"
table "$RUN_DIR"/s3-r*.json | tee "$RUN_DIR/table.md"
jq -r '"\(.tag): slow-consumer closes seen by the clients \(.bench.errors.DISCONNECTED_SLOW_CONSUMER // 0), other disconnects \([.bench.errors | to_entries[] | select((.key | startswith("DISCONNECTED_")) and .key != "DISCONNECTED_SLOW_CONSUMER") | .value] | add // 0)"' "$RUN_DIR"/s3-r*.json
