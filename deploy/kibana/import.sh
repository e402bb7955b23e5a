#!/usr/bin/env bash
# Imports the APFA saved objects (data view audit-logs-*, saved searches, dashboard) into Kibana.
# Idempotent (overwrite=true). docker-compose runs it as a one-shot service once Kibana is healthy;
# by hand: KIBANA_URL=http://127.0.0.1:5601 deploy/kibana/import.sh
set -euo pipefail
KIBANA_URL="${KIBANA_URL:-http://127.0.0.1:5601}"
here="$(cd "$(dirname "$0")" && pwd)"
auth=()
if [[ -n "${KIBANA_USERNAME:-}" ]]; then auth=(-u "${KIBANA_USERNAME}:${KIBANA_PASSWORD:?KIBANA_PASSWORD is required with KIBANA_USERNAME}"); fi
for attempt in $(seq 1 60); do
  if curl -fsS "${auth[@]}" "$KIBANA_URL/api/status" >/dev/null 2>&1; then break; fi
  if [[ $attempt == 60 ]]; then echo "Kibana at $KIBANA_URL did not answer" >&2; exit 1; fi
  sleep 2
done
curl -fsS "${auth[@]}" -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' --form "file=@$here/saved-objects.ndjson" | grep -q '"success":true' \
  && echo "APFA saved objects imported into $KIBANA_URL"
