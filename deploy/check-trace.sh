#!/usr/bin/env bash
# One advice request through the gateway must be ONE trace in Zipkin with spans of gateway,
# advice-service, index-service and audit-service, including a Kafka producer and a Kafka consumer span.
# CHECK_TRACE_FLOW=batch starts an embedding batch instead (POST /api/admin/batches: gateway,
# embedding-service, Kafka, audit-service) — it re-embeds knowledge_base, which skips unchanged rows.
# Needs the system up with tracing on (bin/apfa up --tracing, or APFA_TRACING=1 bin/apfa restart <svc>
# for the services on the path). Signs in as the first super_admin, sends
#   POST /api/advice  with a W3C traceparent whose trace id this script chose,
# then reads the trace back through Zipkin's API (GET /api/v2/traces?serviceName=gateway, then
# GET /api/v2/trace/<id>) until every expected service is in it or CHECK_TRACE_TIMEOUT (60 s) passes.
# Environment: APFA_GATEWAY (http://127.0.0.1:8080), APFA_ZIPKIN (http://127.0.0.1:9411),
#   APFA_ADMIN_USERNAME/APFA_ADMIN_PASSWORD (else .apfa/admin-password),
#   CHECK_TRACE_SERVICES (default "gateway advice-service index-service audit-service").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY="${APFA_GATEWAY:-http://127.0.0.1:8080}"
ZIPKIN="${APFA_ZIPKIN:-http://127.0.0.1:9411}"
FLOW="${CHECK_TRACE_FLOW:-advice}"
case "$FLOW" in
  # A question of its own each run: a cached answer would skip embedding and index search.
  advice) path=/api/advice
          body="{\"query\": \"What debt-to-income ratio do lenders look for on a 30-year fixed mortgage? (trace check $RANDOM$RANDOM)\"}"
          default_services="gateway advice-service index-service audit-service" ;;
  batch)  path=/api/admin/batches; body='{"source_table": "knowledge_base"}'
          default_services="gateway embedding-service audit-service" ;;
  *) echo "check-trace: CHECK_TRACE_FLOW is advice or batch" >&2; exit 2 ;;
esac
SERVICES="${CHECK_TRACE_SERVICES:-$default_services}"
TIMEOUT="${CHECK_TRACE_TIMEOUT:-60}"
USERNAME="${APFA_ADMIN_USERNAME:-admin}"
PASSWORD="${APFA_ADMIN_PASSWORD:-$(cat "${APFA_DATA_DIR:-$ROOT/.apfa}/admin-password")}"

curl -fsS --max-time 5 "$ZIPKIN/health" >/dev/null || { echo "check-trace: no Zipkin at $ZIPKIN (bin/apfa up --tracing)" >&2; exit 2; }

login_body="$(USERNAME="$USERNAME" PASSWORD="$PASSWORD" /usr/bin/python3 -c \
  'import json, os; print(json.dumps({"username": os.environ["USERNAME"], "password": os.environ["PASSWORD"]}))')"
token="$(curl -fsS --max-time 20 -H 'content-type: application/json' -d "$login_body" "$GATEWAY/api/auth/login" \
  | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')"

trace_id="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
parent_id="$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
response="$(mktemp)"
trap 'rm -f "$response"' EXIT
status="$(curl -sS --max-time 90 -o "$response" -w '%{http_code}' \
  -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -H "traceparent: 00-$trace_id-$parent_id-01" -d "$body" "$GATEWAY$path")"
echo "check-trace: POST $path -> $status, trace $trace_id"
case "$status" in 2??) ;; *) head -c 400 "$response" >&2; echo >&2 ;; esac

/usr/bin/python3 - "$ZIPKIN" "$trace_id" "$TIMEOUT" "$status" $SERVICES <<'PY'
import json, sys, time, urllib.request

zipkin, trace_id, timeout, status, expected = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5:]

def get(path):
    with urllib.request.urlopen(zipkin + path, timeout=10) as r:
        return json.load(r)

deadline, spans, listed = time.monotonic() + timeout, [], False
while True:
    # The way an SRE finds it: the gateway's recent traces, then the whole trace by id.
    listed = any(t and t[0]["traceId"] == trace_id
                 for t in get("/api/v2/traces?serviceName=gateway&lookback=900000&limit=200"))
    if listed:
        spans = get(f"/api/v2/trace/{trace_id}")
        found = {s.get("localEndpoint", {}).get("serviceName") for s in spans}
        kinds = {s.get("kind") for s in spans}
        if set(expected) <= found and {"PRODUCER", "CONSUMER"} <= kinds:
            break
    if time.monotonic() > deadline:
        break
    time.sleep(1)

found = {s.get("localEndpoint", {}).get("serviceName") for s in spans}
checks = [(f"the request succeeded (HTTP {status})", status.startswith("2")),
          ("the trace is listed by GET /api/v2/traces?serviceName=gateway", listed),
          ("all its spans carry the one trace id", bool(spans) and all(s["traceId"] == trace_id for s in spans))]
checks += [(f"it has spans of {svc}", svc in found) for svc in expected]
checks += [("it has a Kafka producer span", any(s.get("kind") == "PRODUCER" for s in spans)),
           ("it has a Kafka consumer span", any(s.get("kind") == "CONSUMER" for s in spans))]

by_id = {s["id"]: s for s in spans}
def depth(s):
    d = 0
    while s.get("parentId") in by_id and d < 50:
        s, d = by_id[s["parentId"]], d + 1
    return d
print(f"check-trace: trace {trace_id}: {len(spans)} spans from {', '.join(sorted(x for x in found if x))}")
for s in sorted(spans, key=lambda s: s.get("timestamp", 0)):
    print(f"  {'  ' * min(depth(s), 12)}{s.get('localEndpoint', {}).get('serviceName', '?'):18s} "
          f"{(s.get('kind') or 'LOCAL'):8s} {s.get('name', '')[:60]:60s} {s.get('duration', 0) / 1000:9.1f} ms")
failed = 0
for text, ok in checks:
    print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    failed += not ok
print(f"check-trace: {len(checks) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
