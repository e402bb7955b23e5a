"""Advice flow benchmark; see run.sh and README.md. Standard library only."""
import json
import os
import time
import urllib.error
import urllib.request
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


def call(method, path, body=None, token=None, base=BASE):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = response.read()
            status = response.status
            headers = response.headers
    except urllib.error.HTTPError as error:
        payload = error.read()
        status = error.code
        headers = error.headers
    elapsed = (time.perf_counter() - start) * 1000
    return status, payload, headers, elapsed


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
    for i in range(REQUESTS):
        result = runner.advise(body(i, "run"))
        if result is None:
            continue
        generators.add(result[1]["generator"])
        (cached if result[1]["cached"] else uncached).append(result)
        again = runner.advise(body(i, "run"))
        if again is not None:
            (cached if again[1]["cached"] else uncached).append(again)

    # The same cache hits sent straight to advice-service (it checks the token itself): the gateway's share.
    direct = []
    for i in range(REQUESTS):
        result = runner.advise(body(i, "run"), DIRECT)
        if result is not None and result[1]["cached"]:
            direct.append(result[0])

    print(f"generator(s): {', '.join(sorted(generators))}; 429s waited out: {runner.throttled}; errors: {runner.errors}")
    _, overhead = report("uncached (cached: false)", uncached)
    client_cached, _ = report("cached (cached: true)", cached)
    print(f"\ncached, straight to advice-service (no gateway): {len(direct)} requests")
    row("client (direct)", direct)
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
