"""Advice flow benchmark; see run.sh and README.md. Standard library only."""
import http.client
import json
import os
import time
import urllib.parse
import uuid

BASE = os.environ.get("APFA_GATEWAY_URL", "http://127.0.0.1:8080")
DIRECT = os.environ.get("APFA_ADVICE_URL", "http://127.0.0.1:8082")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "30"))
USERS = int(os.environ.get("BENCH_USERS", "3"))
ROOT = os.environ.get("APFA_ROOT", ".")

QUESTIONS = [
    "How much house can I afford on my income with my current debts?",
    "What debt-to-income ratio do lenders want for a conventional mortgage?",
    "Should I choose a 15-year or a 30-year fixed mortgage?",
    "How does my credit score change the rate I am offered?",
    "What closing costs should I expect when buying a home?",
    "Is refinancing worth it if rates drop by one percent?",
    "How large a down payment do I need to avoid mortgage insurance?",
    "What is the difference between an FHA loan and a conventional loan?",
]


class Connections:
    """One persistent HTTP/1.1 connection per base URL, as a real client keeps: no connection set-up per
    request is timed (urllib.request would open and close one per request)."""

    def __init__(self):
        self.open = {}

    def get(self, base):
        if base not in self.open:
            url = urllib.parse.urlsplit(base)
            self.open[base] = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
        return self.open[base]

    def drop(self, base):
        connection = self.open.pop(base, None)
        if connection is not None:
            connection.close()


CONNECTIONS = Connections()


def call(method, path, body=None, token=None, base=BASE):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    for attempt in (1, 2):
        connection = CONNECTIONS.get(base)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except (http.client.HTTPException, ConnectionError):
            # The server closed an idle keep-alive connection: once more on a new one (not a sample).
            CONNECTIONS.drop(base)
            if attempt == 2:
                raise
            continue
        elapsed = (time.perf_counter() - start) * 1000
        if response.will_close:
            CONNECTIONS.drop(base)
        return response.status, payload, response.headers, elapsed


def login(name, password):
    status, payload, _, _ = call("POST", "/api/auth/login", {"username": name, "password": password})
    if status != 200:
        raise SystemExit(f"login of {name} failed: {status} {payload[:200]!r}")
    return json.loads(payload)["access_token"]


def accounts():
    password = os.environ.get("APFA_ADMIN_PASSWORD")
    if not password:
        data_dir = os.environ.get("APFA_DATA_DIR", os.path.join(ROOT, ".apfa"))
        with open(os.path.join(data_dir, "admin-password")) as f:
            password = f.read().strip()
    tokens = [login(os.environ.get("APFA_ADMIN_USERNAME", "admin"), password)]
    for _ in range(USERS):
        name = "bench-" + uuid.uuid4().hex[:10]
        user_password = "Bench-" + uuid.uuid4().hex
        status, _, _, _ = call("POST", "/api/auth/register", {"username": name, "password": user_password})
        if status != 201:
            print(f"(registering a bench user answered {status}; continuing with {len(tokens)} account(s))")
            break
        tokens.append(login(name, user_password))
    return tokens


def cpu_ms(service):
    """CPU time (user + system, ms) the local process of a service has used so far: (all threads, JIT compiler
    threads), or None when the process is not local or not readable. The process total includes threads that have
    ended; the JIT share sums the live "C1/C2 CompilerThread" tasks."""
    try:
        data_dir = os.environ.get("APFA_DATA_DIR", os.path.join(ROOT, ".apfa"))
        with open(os.path.join(data_dir, "pids", service + ".pid")) as f:
            pid = f.read().strip()
        tick = os.sysconf("SC_CLK_TCK")

        def ticks(path):
            with open(path) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])

        jit = 0
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/comm") as comm:
                    if "CompilerThre" in comm.read():
                        jit += ticks(f"/proc/{pid}/task/{task}/stat")
            except OSError:
                pass  # the thread ended meanwhile
        return ticks(f"/proc/{pid}/stat") * 1000 / tick, jit * 1000 / tick
    except (OSError, ValueError, IndexError):
        return None


def cpu_per_request(before, after, requests):
    if before is None or after is None or not requests:
        return "n/a"
    total = (after[0] - before[0]) / requests
    jit = (after[1] - before[1]) / requests
    return f"{total:.2f} ms ({total - jit:.2f} ms without JIT)"


def profile(i):
    return {"annual_income": 60000 + (i % 50) * 1000, "monthly_debt": 300 + (i % 7) * 50, "credit_score": 680 + i % 120,
            "loan_amount": 250000 + (i % 30) * 5000, "interest_rate": 6.25, "loan_term_months": 360,
            "property_value": 400000, "down_payment": 60000}


class Runner:
    def __init__(self, tokens):
        self.tokens = tokens
        self.n = 0
        self.throttled = 0
        self.errors = 0

    def advise(self, body, base=BASE):
        while True:
            token = self.tokens[self.n % len(self.tokens)]
            self.n += 1
            status, payload, headers, elapsed = call("POST", "/api/advice", body, token, base)
            if status == 429:
                self.throttled += 1
                time.sleep(float(headers.get("Retry-After", "1")))
                continue
            if status != 200:
                self.errors += 1
                print(f"  request answered {status}: {payload[:200]!r}")
                return None
            return elapsed, json.loads(payload)


def pct(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def row(name, values):
    print(f"  {name:<34} {pct(values, 50):9.2f} {pct(values, 95):9.2f} {pct(values, 99):9.2f}")


def report(title, samples):
    print(f"\n{title}: {len(samples)} requests")
    print(f"  {'ms':<34} {'p50':>9} {'p95':>9} {'p99':>9}")
    client = [s[0] for s in samples]
    lat = [s[1]["latency_ms"] for s in samples]
    total = [l["total"] for l in lat]
    remote = [l["embed"] + l["retrieve"] + l["generate"] for l in lat]
    row("client (through the gateway)", client)
    row("service total (latency_ms.total)", total)
    for stage in ("embed", "retrieve", "generate"):
        row("  " + stage, [l[stage] for l in lat])
    row("platform overhead, service", [t - r for t, r in zip(total, remote)])
    row("platform overhead, end to end", [c - r for c, r in zip(client, remote)])
    return client, [c - r for c, r in zip(client, remote)]


def main():
    tokens = accounts()
    runner = Runner(tokens)
    run_id = uuid.uuid4().hex[:8]
    print(f"advice bench through {BASE}: {WARMUP} warm-up, {REQUESTS} uncached + {REQUESTS} cached requests, "
          f"{len(tokens)} account(s), one request at a time, {os.cpu_count()} cores")

    def body(i, tag):
        return {"query": f"{QUESTIONS[i % len(QUESTIONS)]} (bench {run_id} {tag} {i})", "profile": profile(i)}

    for i in range(WARMUP):
        runner.advise(body(i, "warm"))
        runner.advise(body(i, "warm"))

    uncached, cached = [], []
    generators = set()
    services = ("gateway", "advice-service")
    cpu_start = {name: cpu_ms(name) for name in services}
    for i in range(REQUESTS):
        result = runner.advise(body(i, "run"))
        if result is None:
            continue
        generators.add(result[1]["generator"])
        (cached if result[1]["cached"] else uncached).append(result)
        again = runner.advise(body(i, "run"))
        if again is not None:
            (cached if again[1]["cached"] else uncached).append(again)

    cpu_mixed = {name: cpu_per_request(cpu_start[name], cpu_ms(name), len(uncached) + len(cached)) for name in services}
    # The same cache hits sent straight to advice-service (it checks the token itself): the gateway's share. Its own
    # connection is warmed first, as the gateway's was.
    for i in range(min(WARMUP, REQUESTS)):
        runner.advise(body(i, "run"), DIRECT)
    direct = []
    cpu_direct_start = cpu_ms("advice-service")
    for i in range(REQUESTS):
        result = runner.advise(body(i, "run"), DIRECT)
        if result is not None and result[1]["cached"]:
            direct.append(result[0])

    cpu_direct = cpu_per_request(cpu_direct_start, cpu_ms("advice-service"), len(direct))
    print(f"generator(s): {', '.join(sorted(generators))}; 429s waited out: {runner.throttled}; errors: {runner.errors}")
    _, overhead = report("uncached (cached: false)", uncached)
    client_cached, _ = report("cached (cached: true)", cached)
    print(f"\ncached, straight to advice-service (no gateway): {len(direct)} requests")
    row("client (direct)", direct)
    print(f"\nCPU per request (process user+system time, all threads; without the JIT compiler threads in brackets):\n"
          f"  uncached+cached through the gateway: gateway {cpu_mixed['gateway']}, "
          f"advice-service {cpu_mixed['advice-service']}\n  cached straight to advice-service: {cpu_direct}")
    print("\nplatform overhead = latency minus the time spent in embedding-service, index-service and the generator "
          "(latency_ms.embed + retrieve + generate); 'service' uses the service's own total, 'end to end' the client's "
          "time, which adds the gateway, the network and the history write.")
    print(f"goal uncached p95 overhead <= 100 ms: {pct(overhead, 95):.2f} ms (end to end)")
    print(f"goal cached p95 <= 10 ms: {pct(client_cached, 95):.2f} ms (client, through the gateway)")
    print(f"cached/uncached p50 (client): {pct(client_cached, 50) / pct([s[0] for s in uncached], 50):.2f}; "
          f"gateway share of a cached p50: {pct(client_cached, 50) - pct(direct, 50):.2f} ms")
    try:
        print("load average during the run: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    except OSError:
        pass


if __name__ == "__main__":
    main()
