#!/usr/bin/env bash
# Gateway overhead benchmark (not a test: it prints figures and never fails on them).
#
# Runs, on this machine and in one go, the same request three ways with wrk:
#   direct   wrk -> auth-service
#   nginx    wrk -> nginx reverse proxy (keep-alive upstream) -> auth-service
#   gateway  wrk -> gateway (JWT filter chain, rate limit in Redis, circuit breaker) -> auth-service
# and prints throughput and p99 for each, the p99 the gateway adds, gateway/nginx throughput, and the
# CPU time nginx and the gateway spent per 1000 requests (/proc/<pid>/stat; the JVM's JIT compiler
# threads left out), which depends far less on what else runs on the machine than req/s.
# Goal from issue #3: added p99 <= 5 ms at moderate load, throughput >= 0.7 x nginx.
#
# Needs: wrk and nginx (apt-get install wrk nginx-light), the runnable jars
# (mvn -B -q -pl gateway -am install -DskipTests), and PostgreSQL/Redis/Kafka up (bin/apfa up, or
# the test kit's). Starts its own auth-service, gateway and nginx on spare ports and stops exactly
# those processes on exit.
#
# Settings (environment): BENCH_DURATION (20s), BENCH_WARMUP (10s), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
# BENCH_PATH (/api/auth/.well-known/jwks.json: public, no database work, so the proxy cost shows),
# BENCH_TOKEN=1 (send a signed-in user's Bearer token on every request: the gateway then verifies it,
# checks its token version and counts the user's budget; the user is registered at auth-service directly),
# BENCH_BASELINE_JAR (another gateway jar, e.g. a copy of the previous build: measured the same way,
# right before the current one, as the row "baseline"), BENCH_GATEWAY_JAVA_OPTS (JVM options of the gateway, default
# "-Xmx384m -XX:+ExitOnOutOfMemoryError", what bin/apfa starts it with), BENCH_BASELINE_JAVA_OPTS (of the baseline,
# default the same: the same jar with other options compares JVM flags or -D properties side by side),
# BENCH_GATEWAY_JAR (the gateway jar to measure, default gateway/target's), BENCH_JFR=<file> (a JFR profile of the
# gateway over its measured run, BENCH_JFR_SETTINGS, default "profile"; it about doubles the gateway's CPU per
# request, so compare CPU figures only between runs without it; with rounds it holds the last one),
# BENCH_ROUNDS (1: with N, every target is measured N times, the targets taking turns, and the figures are over all
# rounds; each round's line is printed too: slow drifts of a shared machine then hit every target alike),
# BENCH_FLOOR=1 (also the rows "netty", a bare Reactor Netty proxy, and "scg", Spring Cloud Gateway as it comes with
# one route: the stack's own cost under the gateway, built from bench/gateway/floor).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
DURATION="${BENCH_DURATION:-20s}"
ROUNDS="${BENCH_ROUNDS:-1}"
[[ "$DURATION" =~ ^[0-9]+s$ && "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_DURATION is whole seconds (e.g. 20s), BENCH_ROUNDS a count" >&2; exit 2; }
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
BENCH_PATH="${BENCH_PATH:-/api/auth/.well-known/jwks.json}"
AUTH_PORT=18181 GATEWAY_PORT=18180 GATEWAY_MGMT=18190 NGINX_PORT=18188 BASELINE_PORT=18182 BASELINE_MGMT=18192
NETTY_PORT=18183 NETTY_MGMT=18193 SCG_PORT=18184 SCG_MGMT=18194
WORK="$(mktemp -d)"
PIDS=()

for tool in wrk nginx java curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx-light)" >&2; exit 2; }
done
AUTH_JAR="$ROOT/auth-service/target/auth-service-$VERSION-exec.jar"
GATEWAY_JAR="${BENCH_GATEWAY_JAR:-$ROOT/gateway/target/gateway-$VERSION-exec.jar}"
BASELINE_JAR="${BENCH_BASELINE_JAR:-}"
for jar in "$AUTH_JAR" "$GATEWAY_JAR" ${BASELINE_JAR:+"$BASELINE_JAR"}; do
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

# Rate limits high enough never to refuse, but still counted (per IP, or per user with BENCH_TOKEN).
GATEWAY_JAVA_OPTS="${BENCH_GATEWAY_JAVA_OPTS:--Xmx384m -XX:+ExitOnOutOfMemoryError}"
BASELINE_JAVA_OPTS="${BENCH_BASELINE_JAVA_OPTS:-$GATEWAY_JAVA_OPTS}"
# shellcheck disable=SC2086  # $4: the JVM options and what to run, split into words on purpose
start_proxy() { # name, port, management port, JVM options and main jar or class
  APFA_GATEWAY_PORT=$2 APFA_GATEWAY_MANAGEMENT_PORT=$3 \
  APFA_AUTH_URL="http://127.0.0.1:$AUTH_PORT" APFA_JWKS_URL="http://127.0.0.1:$AUTH_PORT/api/auth/.well-known/jwks.json" \
  APFA_RATE_LIMIT_ANONYMOUS_PER_MINUTE=1000000000 APFA_RATE_LIMIT_USER_PER_MINUTE=1000000000 \
    java $4 >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  eval "${1}_PID=$!"
}
start_proxy gateway $GATEWAY_PORT $GATEWAY_MGMT "$GATEWAY_JAVA_OPTS -jar $GATEWAY_JAR"
[ -z "$BASELINE_JAR" ] || start_proxy baseline $BASELINE_PORT $BASELINE_MGMT "$BASELINE_JAVA_OPTS -jar $BASELINE_JAR"
if [ "${BENCH_FLOOR:-0}" = 1 ]; then   # the stack's own cost (floor/): a bare Reactor Netty proxy and SCG as it comes
  mvn -B -q -o -f "$ROOT/bench/gateway/floor/pom.xml" package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$WORK/floor-classpath.txt" >"$WORK/floor-build.log" 2>&1 || { cat "$WORK/floor-build.log" >&2; exit 1; }
  start_proxy netty $NETTY_PORT $NETTY_MGMT "$GATEWAY_JAVA_OPTS -cp $ROOT/bench/gateway/floor/target/classes:$(cat "$WORK/floor-classpath.txt") bench.floor.NettyFloor"
  start_proxy scg $SCG_PORT $SCG_MGMT "$GATEWAY_JAVA_OPTS -jar $ROOT/bench/gateway/floor/target/bench-gateway-floor-$VERSION-exec.jar"
  wait_for "http://127.0.0.1:$NETTY_MGMT/" 60
  wait_for "http://127.0.0.1:$SCG_MGMT/actuator/health" 180
fi
wait_for "http://127.0.0.1:$GATEWAY_MGMT/actuator/health" 180
[ -z "$BASELINE_JAR" ] || wait_for "http://127.0.0.1:$BASELINE_MGMT/actuator/health" 180

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
nginx_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT$BENCH_PATH" 30

WRK_AUTH=()
if [ "${BENCH_TOKEN:-0}" = 1 ]; then
  user="bench-gw-$RANDOM$RANDOM" password="Bench-gw-$RANDOM$RANDOM$RANDOM"
  body="{\"username\":\"$user\",\"password\":\"$password\"}"
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$AUTH_PORT/api/auth/register"
  token="$(curl -fs -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$AUTH_PORT/api/auth/login" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [ -n "$token" ] || { echo "could not sign in $user at auth-service" >&2; exit 1; }
  WRK_AUTH=(-H "Authorization: Bearer $token")
fi

cpu_seconds() { # pid → user+system CPU seconds of it and its children (nginx's worker), JIT compiler threads left out
  local p
  for p in $1 $(cat /proc/$1/task/*/children 2>/dev/null); do
    cat "/proc/$p/stat"
    cat /proc/$p/task/*/stat | grep -E '\((C1|C2) CompilerThre' | sed 's/^/jit /'
  done 2>/dev/null | awk -v t="$(getconf CLK_TCK)" '
    { split($0, a, ") "); split(a[2], f, " "); s += ($1 == "jit" ? -1 : 1) * (f[12] + f[13]) }
    END { print s / t }'
}

warm_up() { # base url: JIT, pools
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BENCH_WARMUP:-10s}" "${WRK_AUTH[@]}" "$1$BENCH_PATH" >/dev/null
}

run() { # name, base url, pid or "" → "name rps p99_ms cpu_s_per_1000 requests"
  local out before after
  [ -z "$3" ] || before="$(cpu_seconds "$3")"
  [ "$1" != gateway ] || [ -z "${BENCH_JFR:-}" ] || jcmd "$3" JFR.start name=bench settings="${BENCH_JFR_SETTINGS:-profile}" filename="$BENCH_JFR" >/dev/null
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${WRK_AUTH[@]}" "$2$BENCH_PATH")"
  [ -z "$3" ] || after="$(cpu_seconds "$3")"
  [ "$1" != gateway ] || [ -z "${BENCH_JFR:-}" ] || jcmd "$3" JFR.stop name=bench >/dev/null
  local rps p99 requests
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then echo "warning: $1 had non-2xx answers: $(grep Non-2xx <<<"$out")" >&2; fi
  echo "$1 $rps $p99 $([ -z "$3" ] && echo - || awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN {printf "%.3f", (b - a) * 1000 / n}') $requests"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($ROUNDS round(s), targets alternating) GET $BENCH_PATH${WRK_AUTH[*]:+ with a Bearer token} on $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
TARGETS=("direct http://127.0.0.1:$AUTH_PORT -" "nginx http://127.0.0.1:$NGINX_PORT $nginx_PID")
[ "${BENCH_FLOOR:-0}" != 1 ] || TARGETS+=("netty http://127.0.0.1:$NETTY_PORT $netty_PID" "scg http://127.0.0.1:$SCG_PORT $scg_PID")
[ -z "$BASELINE_JAR" ] || TARGETS+=("baseline http://127.0.0.1:$BASELINE_PORT $baseline_PID")
TARGETS+=("gateway http://127.0.0.1:$GATEWAY_PORT $gateway_PID")
results="$(for target in "${TARGETS[@]}"; do read -r _ url _ <<<"$target"; warm_up "$url"; done
  for round in $(seq "$ROUNDS"); do
    for target in "${TARGETS[@]}"; do
      read -r name url pid <<<"$target"
      line="$(run "$name" "$url" "${pid#-}")"
      [ "$ROUNDS" = 1 ] || echo "round $round: $line" >&2
      echo "$round $line"
    done
  done)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Over the rounds: req/s = all requests / all measured seconds, CPU = all CPU / all requests, p99 = median of the rounds'.
awk -v secs="${DURATION%s}" '
  { n = $6; name = $2; requests[name] += n; rounds[name]++; p99s[name, rounds[name]] = $4; seen[name] = 1
    if ($5 != "-") cpu[name] += $5 * n / 1000 }
  END {
    for (name in seen) {
      rps[name] = requests[name] / (secs * rounds[name])
      k = rounds[name]; for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (p99s[name, j] < p99s[name, i]) { t = p99s[name, i]; p99s[name, i] = p99s[name, j]; p99s[name, j] = t }
      p99[name] = (k % 2) ? p99s[name, (k + 1) / 2] : (p99s[name, k / 2] + p99s[name, k / 2 + 1]) / 2
      if (name != "direct") cpu[name] = sprintf("%.3f", cpu[name] * 1000 / requests[name]); else cpu[name] = "-"
    }
    printf "%-8s %12s %10s %20s\n", "target", "req/s", "p99 ms", "CPU s / 1000 req"
    n = split("direct nginx netty scg baseline gateway", order, " ")
    for (i = 1; i <= n; i++) if (seen[order[i]]) printf "%-8s %12.0f %10.2f %20s\n", order[i], rps[order[i]], p99[order[i]], cpu[order[i]]
    printf "\np99 added by the gateway: %.2f ms (goal <= 5 ms); by nginx: %.2f ms\n", p99["gateway"] - p99["direct"], p99["nginx"] - p99["direct"]
    printf "throughput gateway/nginx: %.2f (goal >= 0.70); gateway/direct: %.2f; nginx/direct: %.2f\n",
      rps["gateway"] / rps["nginx"], rps["gateway"] / rps["direct"], rps["nginx"] / rps["direct"]
    if (seen["scg"]) printf "floor/nginx throughput: Reactor Netty proxy %.2f, Spring Cloud Gateway as it comes %.2f; gateway/scg: %.2f\n",
      rps["netty"] / rps["nginx"], rps["scg"] / rps["nginx"], rps["gateway"] / rps["scg"]
    if (seen["baseline"]) printf "gateway vs baseline: CPU per request %.2f x, req/s %.2f x\n", cpu["gateway"] / cpu["baseline"], rps["gateway"] / rps["baseline"]
  }' <<<"$results"
