#!/usr/bin/env bash
# PostgreSQL CPU per audit_logs row, by schema version: the table as V1+V2 made it (five b-trees) next to the
# table after V3 (four), built from audit-service's own migrations in two scratch schemas, each fed the same
# 60,000 generated rows with COPY in transactions of 2,000 (as chain.AuditLog writes them), alternating tables
# batch by batch. The figure is the backend's own CPU (/proc/<pg_backend_pid>/stat), so other load on the shared
# machine does not enter it. Needs psql and python3, and PostgreSQL on this host. Removes its schemas at the end.
#
#   bench/audit/pg-row-cost.sh            # APFA_PG_URL-style settings: PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1:5432 postgres apfa)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
migrations="$root/audit-service/src/main/resources/db/migration"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-apfa}"
work="$(mktemp -d)"
schema="bench_pg_row_cost_$$"
trap 'psql -q -c "DROP SCHEMA IF EXISTS ${schema}_before_v3, ${schema}_after_v3 CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$work"
python3 - <<'PY'
import datetime, random, uuid
base = datetime.datetime(2026, 11, 29, 4, 0, 0)
for b in range(30):
    with open(f"batch{b}.tsv", "w") as f:
        for i in range(2000):
            n = b * 2000 + i
            at = (base + datetime.timedelta(microseconds=n * 137)).isoformat() + "Z"
            user = f"user-{random.randrange(2000)}"
            f.write("\t".join([str(uuid.uuid4()), "apfa.audit.login.succeeded", at, "/apfa/auth-service", user, "name-" + user,
                               "user", "login.succeeded", "session", str(uuid.uuid4()), "success", "198.51.100.7",
                               str(uuid.uuid4()), "\\N", "\\N", uuid.uuid4().hex, '{"attempt": 3}', "7", str(n + 1), "0" * 64,
                               "%064x" % random.getrandbits(256)]) + "\n")
PY
table_ddl() { sed -n '/CREATE TABLE audit_logs/,/audit_logs_actor_idx/p' "$migrations/V1__audit_logs.sql"; }
{
  echo "CREATE SCHEMA ${schema}_before_v3; SET search_path = ${schema}_before_v3;"; table_ddl
  echo "CREATE SCHEMA ${schema}_after_v3; SET search_path = ${schema}_after_v3;"; table_ddl
  grep -v '^--' "$migrations/V3__drop_unused_audit_indexes.sql"
} > setup.sql
psql -q -v ON_ERROR_STOP=1 -f setup.sql >/dev/null
columns="event_id, event_type, occurred_at, source, actor_id, actor_username, actor_roles, action, resource_type, resource_id, outcome, source_ip, request_id, user_agent, reason, trace_id, details, chain, chain_seq, prev_hash, hash"
{
  echo "SELECT pg_backend_pid() AS bpid \gset"
  echo "\\setenv BPID :bpid"
  for b in $(seq 0 29); do
    for t in before_v3 after_v3; do
      echo "\\! echo $t start \$(cut -d' ' -f14,15 /proc/\$BPID/stat) >> cpu.log"
      echo "BEGIN;"
      echo "\\copy ${schema}_$t.audit_logs ($columns) FROM 'batch$b.tsv'"
      echo "COMMIT;"
      echo "\\! echo $t end \$(cut -d' ' -f14,15 /proc/\$BPID/stat) >> cpu.log"
    done
  done
} > run.sql
psql -q -v ON_ERROR_STOP=1 -f run.sql >/dev/null
python3 - <<'PY'
import collections, os
ticks = os.sysconf("SC_CLK_TCK")
total, start = collections.Counter(), {}
for line in open("cpu.log"):
    table, kind, user, system = line.split()
    if kind == "start":
        start[table] = int(user) + int(system)
    else:
        total[table] += int(user) + int(system) - start[table]
for table, label in (("before_v3", "five b-trees (V1+V2)"), ("after_v3", "four b-trees (V3)")):
    print(f"postgresql backend cpu per audit_logs row, {label}: {total[table] / ticks * 1e6 / 60000:.1f} us (60,000 rows, COPY, 2,000 per transaction)")
PY
