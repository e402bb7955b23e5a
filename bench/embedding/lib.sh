# Shared helpers of the embedding scripts: start/stop service instances against the running
# infrastructure (Kafka, PostgreSQL from `bin/apfa up` or the test kit), each recorded by PID.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# APFA_EMBEDDING_JAR: another build of the service (e.g. a copy of the jar before a change, for a side-by-side run)
jar="${APFA_EMBEDDING_JAR:-$root/embedding-service/target/embedding-service-0.1.0-SNAPSHOT-exec.jar}"
work="$(mktemp -d /tmp/apfa-embedding-bench.XXXXXX)"
lake="$work/delta"
run_id="$(date +%s)-$$"
topic="embedding-jobs-bench-$run_id"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

classpath() {
  if [[ ! -f "$work/cp.txt" ]]; then
    (cd "$root" && mvn -B -q -pl embedding-service dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
  fi
  echo "$root/embedding-service/target/classes:$(cat "$work/cp.txt")"
}

# start_instance <name> <port> <workers>: sets $last_pid (not printed: a $(...) subshell would lose
# the PID record that cleanup relies on); logs in $work/<name>.log
start_instance() {
  local name="$1" port="$2" workers="$3"
  APFA_EMBEDDING_PORT="$port" APFA_LAKEHOUSE_URI="$lake" APFA_EMBEDDING_JOBS_TOPIC="$topic" \
  APFA_EMBEDDING_WORKERS="$workers" SPRING_KAFKA_CONSUMER_GROUP_ID="$topic" \
    java -Xmx1g -jar "$jar" >"$work/$name.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

# wait_ready <port>: bounded wait on the readiness endpoint (no fixed sleep)
wait_ready() {
  local port="$1" deadline=$((SECONDS + 600))
  until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
    if (( SECONDS > deadline )); then echo "instance on $port not ready" >&2; return 1; fi
    sleep 1
  done
}

# The batch API needs an admin: the instances validate tokens against auth-service's JWKS, as in
# the local run, so the scripts sign in as the first super_admin (APFA_ADMIN_USERNAME/PASSWORD, else
# the password bin/apfa keeps in the data directory). Access tokens live 15 minutes and a loaded
# machine makes a run longer than that, so the token is kept in a file and renewed after 5 minutes.
admin_token() {
  local password="${APFA_ADMIN_PASSWORD:-$(cat "${APFA_DATA_DIR:-$root/.apfa}/admin-password" 2>/dev/null)}"
  curl -fs -X POST "${APFA_AUTH_URL:-http://127.0.0.1:8081}/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${APFA_ADMIN_USERNAME:-admin}\",\"password\":\"$password\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' \
    || { echo "cannot sign in as the first super_admin at auth-service (is bin/apfa up running?)" >&2; return 1; }
}
token_file="$work/token"
admin_token >"$token_file" || exit 1

# api <port> <path> [curl args...]: an authenticated call to an instance
api() {
  local port="$1" path="$2"
  shift 2
  if (( $(date +%s) - $(stat -c %Y "$token_file") > 300 )); then admin_token >"$token_file" || return 1; fi
  curl -fs "http://127.0.0.1:$port$path" -H "Authorization: Bearer $(cat "$token_file")" "$@"
}

# start_batch <port> <table>: prints the batch id
start_batch() {
  api "$1" /api/admin/batches -X POST -H 'Content-Type: application/json' -d "{\"source_table\":\"$2\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["batch_id"])'
}

# batch_field <port> <batch id> <field>
batch_field() {
  api "$1" "/api/admin/batches/$2" | python3 -c "import json,sys; print(json.load(sys.stdin).get('$3'))"
}

# batch_status <port> <batch id>: straight from PostgreSQL when psql is installed (polling the instance's
# API once a second would add its own requests' CPU to the CPU the benchmark measures for the batch),
# else through the API
batch_status() {
  if command -v psql >/dev/null; then
    local url="${APFA_PG_URL:-jdbc:postgresql://127.0.0.1:5432/apfa}"
    PGPASSWORD="${APFA_PG_PASSWORD:-}" psql "${url#jdbc:}" -U "${APFA_PG_USER:-postgres}" -tAc \
      "SELECT status FROM embedding.batches WHERE id = '$2'" 2>/dev/null && return
  fi
  batch_field "$1" "$2" status
}

# wait_status <port> <batch id> <status> <timeout s>
wait_status() {
  local deadline=$((SECONDS + $4))
  until [[ "$(batch_status "$1" "$2")" == "$3" ]]; do
    if (( SECONDS > deadline )); then echo "batch $2 not $3 after $4 s" >&2; return 1; fi
    sleep 1
  done
}

# generate <table> <count>: a synthetic corpus table in this run's lakehouse
generate() {
  APFA_LAKEHOUSE_URI="$lake" java -cp "$(classpath)" dev.apfa.lakehouse.SyntheticCorpus "$1" "$2" 2>/dev/null | tail -1
}
