#!/usr/bin/env bash
# Live-event latency (issue #9, "publish-to-client latency, goal p99 < 1 s"), against the running
# system (bin/apfa up): WsLatency publishes schema-valid batch-progress events for a made-up batch
# to Kafka at a fixed rate and measures envelope time -> receive time at N WebSocket clients of the
# gateway and, side by side, at a plain Kafka consumer; prints p50/p90/p99/max and the difference.
# Not a test: prints figures, never fails on a timing. Usage: ws-latency.sh [events] [per-second] [clients]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
events="${1:-600}"; rate="${2:-20}"; clients="${3:-4}"
gateway="${APFA_GATEWAY_URL:-http://127.0.0.1:8080}"
bootstrap="${APFA_KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
echo "load average $(cut -d' ' -f1 /proc/loadavg) before"
java -cp "$(classpath)" "$(dirname "$0")/WsLatency.java" "$gateway" "$bootstrap" "$(cat "$token_file")" "$events" "$rate" "$clients" 2>/dev/null \
  | grep -E '^(events|plain Kafka|gateway WebSocket|added by)'
echo "load average $(cut -d' ' -f1 /proc/loadavg) after"
