#!/usr/bin/env bash
# Gateway overhead benchmark (not a test: it prints figures and never fails on them).
#
# Runs, on this machine and in one go, the same request three ways with wrk:
#   direct   wrk -> auth-service
#   nginx    wrk -> nginx reverse proxy (keep-alive upstream) -> auth-service
#   gateway  wrk -> gateway (JWT filter chain, rate limit in Redis, circuit breaker) -> auth-service
# and prints throughput and p99 for each, the p99 the gateway adds, and gateway/nginx throughput.
# Goal from issue #3: added p99 <= 5 ms at moderate load, throughput >= 0.7 x nginx.
#
# Needs: wrk and nginx (apt-get install wrk nginx-light), the runnable jars
# (mvn -B -q -pl gateway -am install -DskipTests), and PostgreSQL/Redis/Kafka up (bin/apfa up, or
# the test kit's). Starts its own auth-service, gateway and nginx on spare ports and stops exactly
# those processes on exit.
#
# Settings (environment): BENCH_DURATION (20s), BENCH_WARMUP (10s), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
# BENCH_PATH (/api/auth/.well-known/jwks.json: public, no database work, so the proxy cost shows).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
DURATION="${BENCH_DURATION:-20s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
BENCH_PATH="${BENCH_PATH:-/api/auth/.well-known/jwks.json}"
AUTH_PORT=18181 GATEWAY_PORT=18180 GATEWAY_MGMT=18190 NGINX_PORT=18188
WORK="$(mktemp -d)"
PIDS=()

for tool in wrk nginx java curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx-light)" >&2; exit 2; }
done
AUTH_JAR="$ROOT/auth-service/target/auth-service-$VERSION-exec.jar"
GATEWAY_JAR="$ROOT/gateway/target/gateway-$VERSION-exec.jar"
for jar in "$AUTH_JAR" "$GATEWAY_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: mvn -B -q -pl gateway -am install -DskipTests" >&2; exit 2; }
done

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $1" >&2; exit 1; }
    sleep 0.5
  done
}

echo "starting auth-service :$AUTH_PORT, gateway :$GATEWAY_PORT, nginx :$NGINX_PORT (logs in $WORK)" >&2
APFA_AUTH_PORT=$AUTH_PORT APFA_LOG_FORMAT=ecs java -Xmx512m -jar "$AUTH_JAR" >"$WORK/auth.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$AUTH_PORT/actuator/health/readiness" 180

# Rate limits high enough never to refuse, but still counted in Redis on every request.
APFA_GATEWAY_PORT=$GATEWAY_PORT APFA_GATEWAY_MANAGEMENT_PORT=$GATEWAY_MGMT \
APFA_AUTH_URL="http://127.0.0.1:$AUTH_PORT" APFA_JWKS_URL="http://127.0.0.1:$AUTH_PORT/api/auth/.well-known/jwks.json" \
APFA_RATE_LIMIT_ANONYMOUS_PER_MINUTE=1000000000 APFA_RATE_LIMIT_USER_PER_MINUTE=1000000000 \
  java -Xmx512m -jar "$GATEWAY_JAR" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$GATEWAY_MGMT/actuator/health" 180

mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  upstream auth { server 127.0.0.1:$AUTH_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://auth;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
NGINX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT$BENCH_PATH" 30

run() { # name, base url → "name rps p99_ms"
  local out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BENCH_WARMUP:-10s}" "$2$BENCH_PATH" >/dev/null   # warm-up (JIT, pools)
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2$BENCH_PATH")"
  local rps p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then echo "warning: $1 had non-2xx answers: $(grep Non-2xx <<<"$out")" >&2; fi
  echo "$1 $rps $p99"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION GET $BENCH_PATH on $(nproc) cores" >&2
results="$(run direct "http://127.0.0.1:$AUTH_PORT"; run nginx "http://127.0.0.1:$NGINX_PORT"; run gateway "http://127.0.0.1:$GATEWAY_PORT")"

awk '
  { rps[$1] = $2; p99[$1] = $3 }
  END {
    printf "%-8s %12s %10s\n", "target", "req/s", "p99 ms"
    split("direct nginx gateway", order, " ")
    for (i = 1; i <= 3; i++) printf "%-8s %12.0f %10.2f\n", order[i], rps[order[i]], p99[order[i]]
    printf "\np99 added by the gateway: %.2f ms (goal <= 5 ms); by nginx: %.2f ms\n", p99["gateway"] - p99["direct"], p99["nginx"] - p99["direct"]
    printf "throughput gateway/nginx: %.2f (goal >= 0.70); gateway/direct: %.2f; nginx/direct: %.2f\n",
      rps["gateway"] / rps["nginx"], rps["gateway"] / rps["direct"], rps["nginx"] / rps["direct"]
  }' <<<"$results"
