#!/usr/bin/env bash
# Advice flow benchmark (issue #5): latency of POST /api/advice through the gateway of the running system
# (bin/apfa up) with the local generator, uncached and cached side by side in one run. Prints p50/p95/p99 of
# the client-observed latency, of the service's own total and of each stage (latency_ms: embed, retrieve,
# generate), and the platform overhead. Not a test: it never fails on a figure.
#
#   bench/advice/run.sh                     # 200 uncached + 200 cached requests
#   BENCH_REQUESTS=500 BENCH_WARMUP=50 bench/advice/run.sh
#
# Needs python3 and the running system (gateway on APFA_GATEWAY_URL, default http://127.0.0.1:8080) with an
# active index. Signs in as the first super_admin (APFA_ADMIN_USERNAME / APFA_ADMIN_PASSWORD or
# .apfa/admin-password) plus a few new users, and spreads requests over them to stay under the per-user rate
# limit (a 429 is waited out and reported, never counted as a sample).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v python3 >/dev/null || { echo "missing python3" >&2; exit 2; }
export APFA_ROOT="$root"
exec python3 "$root/bench/advice/bench.py" "$@"
