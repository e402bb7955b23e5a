#!/usr/bin/env bash
# Embedding throughput (issue #9, acceptance 4), in one run:
#   1. raw model: the embedder alone (RawModelBench), one worker per core, ONNX intra-op 1;
#   2. end to end: a batch through one embedding-service instance (Kafka work items, PostgreSQL
#      ledger, Parquet files, Delta commit) with the same thread count, after a small warm-up batch;
#   3. the same with two instances (each with half the workers, same total threads);
# then the ratios end-to-end / raw. Not a test: it prints figures and never fails on a timing.
# Needs the module built and Kafka + PostgreSQL up. Usage: run-bench.sh [documents]
# BENCH_JFR=1 also records a JFR profile (settings=profile) of each instance during its batch.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
docs="${1:-1000}"
cores="$(nproc)"
half=$(( cores / 2 > 0 ? cores / 2 : 1 ))

echo "work dir $work; $docs synthetic documents; $cores cores"
generate bench_docs "$docs"
# A small table of other passages (seed 7) for the warm-up batch below.
APFA_LAKEHOUSE_URI="$lake" java -cp "$(classpath)" dev.apfa.lakehouse.SyntheticCorpus warm_docs 256 7 >/dev/null 2>&1

# raw_model: one RawModelBench run, prints texts/s. It runs before and after the end-to-end runs and
# the mean is the reference, because on a shared machine the available CPU drifts during a run.
raw_model() {
  local line
  line=$(java -cp "$(classpath)" "$(dirname "$0")/RawModelBench.java" "$docs" "$cores" 1 2>/dev/null | grep 'raw texts/s')
  echo "$line (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
  sed -E 's/.*raw texts\/s ([0-9.]+).*raw texts\/cpu-s ([0-9.]+).*/\1 \2/' <<<"$line"
}

# cpu_seconds <pid>...: user+system CPU time used so far by the processes
cpu_seconds() {
  local ticks=0 pid
  for pid in "$@"; do
    ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  python3 -c "print($ticks / $(getconf CLK_TCK))"
}

# thread_ticks <file> <pid>...: per-thread CPU ticks (thread name<TAB>ticks), for the breakdown below
thread_ticks() {
  local out="$1" pid task
  shift
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      printf '%s\t%s\n' "$(cat "$task/comm" 2>/dev/null)" "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null)"
    done
  done >"$out"
}

# thread_breakdown <before> <after>: CPU seconds per thread group between two snapshots, biggest first
thread_breakdown() {
  python3 - "$1" "$2" "$(getconf CLK_TCK)" <<'PY'
import re, sys
from collections import Counter
def load(path):
    c = Counter()
    for line in open(path):
        name, _, ticks = line.rstrip('\n').rpartition('\t')
        if ticks:
            c[re.sub(r'[-#]?\d+', '#', name)] += int(ticks)
    return c
before, after, hz = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
delta = {k: (after[k] - before.get(k, 0)) / hz for k in after}
total = sum(delta.values())
print('  cpu by thread group: ' + ', '.join(f'{k} {v:.1f} s' for k, v in sorted(delta.items(), key=lambda kv: -kv[1]) if v >= 0.1 or v > total / 50))
PY
}
raw_before=$(raw_model)

# e2e <label> <port> <pid>...: runs one batch over bench_docs; prints docs/s from the batch's own
# timestamps and docs per CPU-second of the instances (all their threads: Kafka, JDBC, Delta, idle work)
e2e() {
  local label="$1" port="$2"
  shift 2
  local batch cpu0 cpu1
  if [[ -n "${BENCH_JFR:-}" ]]; then
    for pid in "$@"; do jcmd "$pid" JFR.start name=bench settings=profile filename="$work/e2e-$pid.jfr" >/dev/null; done
  fi
  thread_ticks "$work/threads0" "$@"
  cpu0=$(cpu_seconds "$@")
  batch=$(start_batch "$port" bench_docs)
  wait_status "$port" "$batch" COMPLETED 3600
  cpu1=$(cpu_seconds "$@")
  thread_ticks "$work/threads1" "$@"
  thread_breakdown "$work/threads0" "$work/threads1" >&2
  if [[ -n "${BENCH_JFR:-}" ]]; then
    for pid in "$@"; do jcmd "$pid" JFR.stop name=bench >/dev/null; echo "  profile $work/e2e-$pid.jfr" >&2; done
  fi
  echo "  (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
  api "$port" "/api/admin/batches/$batch" | python3 -c "
import json, sys
from datetime import datetime
b = json.load(sys.stdin)
t = lambda k: datetime.fromisoformat(b[k].replace('Z', '+00:00'))
total = (t('completed_at') - t('created_at')).total_seconds()
work = (t('completed_at') - t('started_at')).total_seconds()
print(f'$label: {b[\"processed\"]} docs, request-to-commit {total:.1f} s = {b[\"processed\"]/total:.1f} docs/s; first-item-to-commit {work:.1f} s = {b[\"processed\"]/work:.1f} docs/s')
cpu = $cpu1 - $cpu0
print(f'  cpu {cpu:.1f} s = {b[\"processed\"]/cpu:.2f} docs/cpu-s')
print(f'RATE {b[\"processed\"]/total:.2f} {b[\"processed\"]/cpu:.3f}')
"
}

# warm <port>: one small batch (warm_docs) through the fresh instance(s) before the measured one, so that
# the JIT compiles the batch path (Kafka, JSON, Parquet, Delta, JDBC) outside the measured window — as in a
# running service, and as RawModelBench warms its path up before timing. Its CPU is not counted.
warm() {
  local batch
  batch=$(start_batch "$1" warm_docs)
  wait_status "$1" "$batch" COMPLETED 900
}

start_instance one 18291 "$cores"; p1=$last_pid; wait_ready 18291; warm 18291
one=$(e2e "end-to-end, 1 instance x $cores workers" 18291 "$p1"); echo "$one" | grep -v '^RATE'
kill "$p1"; wait "$p1" 2>/dev/null || true

# Fresh embeddings table for the second run, so nothing is skipped as unchanged.
rm -rf "$lake/embeddings"
start_instance two-a 18292 "$half"; q1=$last_pid; start_instance two-b 18293 "$half"; q2=$last_pid
wait_ready 18292; wait_ready 18293; warm 18292
two=$(e2e "end-to-end, 2 instances x $half workers" 18292 "$q1" "$q2"); echo "$two" | grep -v '^RATE'

raw_after=$(raw_model)
read -r r1 c1 <<<"$(grep '^RATE' <<<"$one" | cut -d' ' -f2-)"; read -r r2 c2 <<<"$(grep '^RATE' <<<"$two" | cut -d' ' -f2-)"
read -r rb cb <<<"$raw_before"; read -r ra ca <<<"$raw_after"
python3 -c "
raw = ($rb + $ra) / 2; rawc = ($cb + $ca) / 2
print(f'raw model (mean of before/after): {raw:.1f} texts/s, {rawc:.2f} texts/cpu-s')
print(f'ratio end-to-end / raw, wall clock: 1 instance {$r1/raw:.2f}, 2 instances {$r2/raw:.2f} (goal >= 0.9)')
print(f'ratio end-to-end / raw, per CPU-second: 1 instance {$c1/rawc:.2f}, 2 instances {$c2/rawc:.2f}')"
