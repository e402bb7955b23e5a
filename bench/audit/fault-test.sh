#!/usr/bin/env bash
# Audit fault test (issue #6, acceptance 2): publish audit events while the Kafka broker restarts,
# Elasticsearch is stopped for 60 s, audit-service is killed with kill -9 and PostgreSQL restarts;
# then reconcile by event id and print missing/duplicated counts for PostgreSQL and Elasticsearch.
#
#   bench/audit/fault-test.sh --safe [--events=20000]   # only kill -9 audit-service: safe on a shared machine
#   APFA_FAULT_TEST_DEDICATED=1 bench/audit/fault-test.sh [--events=100000] [--es-outage=60]
#   KEEP=1 ... keeps the run's rows and indices for inspection (removed by default).
#
# The full run stops and restarts the infrastructure of this machine (the test kit's Kafka and
# Elasticsearch from .apfa/pids, PostgreSQL with pg_ctlcluster), so it refuses to run unless
# APFA_FAULT_TEST_DEDICATED=1 says that nothing else uses them. The CI version is StoreOutageIT.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/audit/target"
data="${APFA_DATA_DIR:-$root/.apfa}"
events=100000 es_outage=60 safe=0
for arg in "$@"; do
  case "$arg" in
    --safe) safe=1; events=20000 ;;
    --events=*) events="${arg#*=}" ;;
    --es-outage=*) es_outage="${arg#*=}" ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done
if [[ $safe == 0 && "${APFA_FAULT_TEST_DEDICATED:-}" != 1 ]]; then
  echo "the full fault test restarts Kafka, Elasticsearch and PostgreSQL: set APFA_FAULT_TEST_DEDICATED=1 on a machine nobody else uses, or use --safe" >&2
  exit 2
fi

mkdir -p "$out/classes"
cd "$root"
mvn -B -q -pl audit-service -am install -DskipTests
mvn -B -q -pl audit-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="$root/audit-service/target/classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$cp" "$root/bench/audit/src/bench/FaultTool.java"
tool() { java -Dapfa.root="$root" -cp "$out/classes:$cp" bench.FaultTool "$@"; }
infra_up() { java -Dapfa.root="$root" -cp "$cp" dev.apfa.testkit.InfraCli up >/dev/null; }

run="fault-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
topic="$run-audit-events" prefix="audit-logs-$run" chain_from=$(( 1500000000 + RANDOM * 1000 ))
log="$out/$run-audit-service.log" ids="$out/$run-ids.txt"
service_pid=""
tool topic "$topic"

start_service() {
  java -Dapfa.root="$root" -cp "$cp" dev.apfa.audit.AuditApplication --server.port=0 \
    --apfa.audit.topic="$topic" --apfa.audit.tasks-topic="$run-tasks" --apfa.audit.metrics-topic="$run-metrics" \
    --spring.kafka.consumer.group-id="$run" --apfa.audit.elasticsearch.index-prefix="$prefix" \
    --apfa.audit.chain-offset="$chain_from" --apfa.audit.anomaly.failed-logins.threshold=1000000 >>"$log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 120); do
    grep -q 'Started AuditApplication' "$log" 2>/dev/null && [[ $(grep -c 'Started AuditApplication' "$log") -ge $1 ]] && return 0
    sleep 1
  done
  echo "audit-service did not start, see $log" >&2; exit 1
}
stop_service() { [[ -n "$service_pid" ]] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true; }
trap stop_service EXIT

start_service 1
echo "run $run: publishing $events events to $topic"
tool produce "$topic" "$events" "$ids" &
producer=$!

sleep 10
echo "fault: kill -9 audit-service (pid $service_pid)"
kill -9 "$service_pid"; wait "$service_pid" 2>/dev/null || true
start_service 2

if [[ $safe == 0 ]]; then
  sleep 5
  echo "fault: restarting the Kafka broker"
  kill "$(cat "$data/pids/kafka.pid")"; while kill -0 "$(cat "$data/pids/kafka.pid")" 2>/dev/null; do sleep 1; done
  infra_up
  sleep 5
  echo "fault: Elasticsearch stopped for $es_outage s"
  kill "$(cat "$data/pids/elasticsearch.pid")"; while kill -0 "$(cat "$data/pids/elasticsearch.pid")" 2>/dev/null; do sleep 1; done
  sleep "$es_outage"
  infra_up
  echo "fault: restarting PostgreSQL"
  for cluster in $(pg_lsclusters -h | awk '{print $1"/"$2}'); do pg_ctlcluster "${cluster%/*}" "${cluster#*/}" restart; done
fi

wait "$producer"
echo "producer done; waiting for both sinks to catch up (at most 15 min)"
for _ in $(seq 1 90); do
  result="$(tool reconcile "$ids" "$prefix" "$chain_from" $(( chain_from + 3 )))"
  if [[ $(grep -c 'missing 0, duplicated 0' <<<"$result") == 2 ]]; then break; fi
  sleep 10
done
echo "$result"
if [[ "${KEEP:-0}" != 1 ]]; then tool cleanup "$prefix" "$chain_from" $(( chain_from + 3 )); fi
