#!/usr/bin/env bash
# Crash safety (issue #9, acceptance 2): two embedding-service instances share a batch; one is
# killed with SIGKILL in the middle; the batch must still complete and every document must appear
# exactly once in the embeddings version it produced. Exit 0 = pass.
# Needs: the module built (mvn -B -q -pl embedding-service -am install -DskipTests) and Kafka +
# PostgreSQL up (bin/apfa up, or any earlier test run). Usage: kill-test.sh [documents]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
docs="${1:-1500}"

echo "work dir $work, topic $topic"
generate synthetic_kill "$docs"
start_instance a 18193 1; start_instance b 18194 1; b=$last_pid
wait_ready 18193; wait_ready 18194
batch=$(start_batch 18193 synthetic_kill)
echo "batch $batch started over $docs documents"

deadline=$((SECONDS + 300))
until (( $(batch_field 18193 "$batch" processed) >= docs / 4 )); do
  if (( SECONDS > deadline )); then echo "no progress" >&2; exit 1; fi
  sleep 1
done
kill -9 "$b"
echo "killed instance b (pid $b) with SIGKILL at processed=$(batch_field 18193 "$batch" processed)"

wait_status 18193 "$batch" COMPLETED 900
version=$(batch_field 18193 "$batch" embeddings_version)
echo "batch completed: processed=$(batch_field 18193 "$batch" processed) failed=$(batch_field 18193 "$batch" failed) embeddings version $version"
java -cp "$(classpath)" "$(dirname "$0")/VerifyBatch.java" "$lake" synthetic_kill 0 "$version"
