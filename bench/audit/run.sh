#!/usr/bin/env bash
# Audit pipeline benchmark (issue #6): raw Elasticsearch bulk rate, end-to-end rate (produce → PostgreSQL
# + Elasticsearch through a real audit-service), their ratio, end-to-end lag p50/p99 and audit search
# p50/p95 over a large index. Prints figures; never fails on a timing. Uses the shared infrastructure
# (Infra.shared(): attaches, or starts it) with unique topic, index and chain names, removed at the end.
#
#   bench/audit/run.sh                      # full: 100,000 events, 1,000,000 search documents
#   bench/audit/run.sh --quick              # short: 10,000 events, 100,000 search documents
#   bench/audit/run.sh --events=50000 --search-docs=500000 --lag-rate=1000 --lag-seconds=20 --searches=300
#   bench/audit/run.sh --events=30000 --search-docs=0 --e2e-rounds=3   # (raw, end to end) three times, side by side
#   bench/audit/run.sh --events=30000 --search-docs=0 --e2e-warmup=0 # end to end from a cold service (default: chunks of 20,000 events
#                                           # until the JIT threads use < --jit-quiet=3 µs per event, at most --warmup-max=200000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/audit/target"
mkdir -p "$out/classes"
args=()
for arg in "$@"; do
  if [[ "$arg" == --quick ]]; then args+=(--events=10000 --search-docs=100000 --lag-seconds=10 --searches=200); else args+=("$arg"); fi
done
cd "$root"
# libs/ are installed already (team rule: build only the module, never -am)
mvn -B -q -o -pl audit-service install -DskipTests
mvn -B -q -o -pl audit-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="$root/audit-service/target/classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$cp" "$root/bench/audit/src/bench/AuditBench.java"
# The collector audit-service runs with (bin/apfa's service_java_opts, its image's jvmFlags): the service is in this JVM.
# BENCH_GC="-XX:+UseG1GC" measures it with G1 instead. 2 GB: the bench's own documents and events live here too.
exec java -Xmx2g ${BENCH_GC:--XX:+UseParallelGC} ${BENCH_JAVA_OPTS:-} -Dapfa.root="$root" -cp "$out/classes:$cp" bench.AuditBench "${args[@]}"
