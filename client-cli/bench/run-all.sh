#!/usr/bin/env bash
# Every scenario in turn (about 40 minutes on 2 cores; each run first waits up to 30 s for a quiet
# machine). Scenarios 1 to 3 run the bare baseline and Tavern interleaved. Results under $BENCH_OUT
# (default /tmp/tavern-bench), one folder per scenario.
#
#   client-cli/bench/run-all.sh            # s1 .. s8; s6 only when psql reaches a PostgreSQL
#   SCENARIOS="s1 s2" client-cli/bench/run-all.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for s in ${SCENARIOS:-s1 s2 s3 s4 s5 s6 s7 s8}; do
  script=$(ls "$here/$s"-*.sh)
  if [[ $s == s6 ]] && ! psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -Atc 'select 1' > /dev/null 2>&1; then
    echo "== $s skipped: no PostgreSQL at ${PGHOST:-127.0.0.1}"
    continue
  fi
  echo "== $s: $script"
  "$script" || echo "== $s failed with $?"
done
