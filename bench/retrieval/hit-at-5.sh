#!/usr/bin/env bash
# Retrieval quality of the running system (bin/apfa up): asks every question of
# knowledge/eval/retrieval.jsonl through index-service's text search (embedded by embedding-service,
# as advice-service does) and prints hit@1, hit@5 and MRR@10, with the misses listed.
#
# If no index version with passages is active, it makes one as admin through the gateway first:
# an embedding batch of knowledge_base when no embeddings exist (waiting for it and for the index
# build that follows it), else a build of the latest embeddings; then it activates that version.
#
#   bench/retrieval/hit-at-5.sh [--set FILE] [--k 10] [--verbose]
#
# Settings: APFA_GATEWAY_URL (http://127.0.0.1:8080), APFA_INDEX_URL (http://127.0.0.1:8084; /internal/**
# is not routed by the gateway), APFA_ADMIN_USERNAME / APFA_ADMIN_PASSWORD (else the password bin/apfa
# keeps in the data directory).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export APFA_ROOT="$root"
exec python3 - "$@" <<'PY'
import json, os, sys, time, urllib.request, urllib.error, argparse

root = os.environ["APFA_ROOT"]
parser = argparse.ArgumentParser(prog="hit-at-5.sh")
parser.add_argument("--set", default=os.path.join(root, "knowledge/eval/retrieval.jsonl"))
parser.add_argument("--k", type=int, default=10)
parser.add_argument("--verbose", action="store_true")
args = parser.parse_args()

gateway = os.environ.get("APFA_GATEWAY_URL", "http://127.0.0.1:8080")
index = os.environ.get("APFA_INDEX_URL", "http://127.0.0.1:8084")

def call(method, url, body=None, token=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, text

def wait(what, check, limit=900):
    deadline = time.time() + limit
    while time.time() < deadline:
        result = check()
        if result is not None:
            return result
        time.sleep(2)
    sys.exit("timed out waiting for " + what)

def login():
    password = os.environ.get("APFA_ADMIN_PASSWORD")
    if not password:
        data_dir = os.environ.get("APFA_DATA_DIR", os.path.join(root, ".apfa"))
        with open(os.path.join(data_dir, "admin-password")) as f:
            password = f.read().strip()
    status, body = call("POST", gateway + "/api/auth/login",
                        {"username": os.environ.get("APFA_ADMIN_USERNAME", "admin"), "password": password})
    if status != 200:
        sys.exit("admin login failed: %s %s" % (status, body))
    return body["access_token"]

token = login()

def listing():
    status, body = call("GET", gateway + "/api/admin/indexes", token=token)
    if status != 200:
        sys.exit("GET /api/admin/indexes: %s %s" % (status, body))
    return body

def has_passages(version):
    return version and "docs.jsonl" in (version.get("manifest", {}).get("sha256") or {})

def active_version(body):
    return next((v for v in body.get("versions", []) if v.get("active")), None)

def build(source_version=None):
    status, body = call("POST", gateway + "/api/admin/indexes/builds",
                        {} if source_version is None else {"source_version": source_version}, token=token)
    if status != 202:
        return None, body
    build_id = body["build_id"]
    def done():
        s, b = call("GET", gateway + "/api/admin/indexes/builds/" + build_id, token=token)
        return b if s == 200 and b["status"] in ("COMPLETED", "FAILED") else None
    result = wait("index build " + build_id, done)
    return (result["version"] if result["status"] == "COMPLETED" else None), result

def embed_corpus():
    status, batch = call("POST", gateway + "/api/admin/batches", {"source_table": "knowledge_base"}, token=token)
    if status != 202:
        sys.exit("starting an embedding batch failed: %s %s" % (status, batch))
    print("embedding batch %s started" % batch["batch_id"], file=sys.stderr)
    def done():
        s, b = call("GET", gateway + "/api/admin/batches/" + batch["batch_id"], token=token)
        return b if s == 200 and b["status"] in ("COMPLETED", "FAILED") else None
    result = wait("embedding batch", done)
    if result["status"] != "COMPLETED":
        sys.exit("embedding batch failed: %s" % result)
    return result.get("embeddings_version")

def ensure_index():
    body = listing()
    active = active_version(body)
    if has_passages(active):
        return active
    # The newest version with passages, else a fresh build of the latest embeddings.
    ready = [v for v in body.get("versions", []) if has_passages(v)]
    if ready:
        version = max(ready, key=lambda v: v["version"])["version"]
    else:
        version, result = build()
        if version is None:
            print("index build failed (%s); embedding the corpus first" % (result or {}).get("reason"), file=sys.stderr)
            embeddings_version = embed_corpus()
            # index-service builds after every completed batch; wait for that version, else build it.
            def built():
                for v in listing().get("versions", []):
                    if has_passages(v) and v["manifest"].get("source_version") == embeddings_version:
                        return v["version"]
                return None
            try:
                version = wait("the index build after the batch", built, limit=180)
            except SystemExit:
                version, result = build(embeddings_version)
                if version is None:
                    sys.exit("index build failed: %s" % result)
    status, body = call("POST", gateway + "/api/admin/indexes/%d/activate" % version, token=token)
    if status != 200:
        sys.exit("activation of v%d failed: %s %s" % (version, status, body))
    print("activated index v%d" % version, file=sys.stderr)
    return active_version(listing())

active = ensure_index()
manifest = active["manifest"]
questions = [json.loads(line) for line in open(args.set) if line.strip()]

hits1 = hits5 = 0
rr = 0.0
misses = []
started = time.time()
for q in questions:
    status, body = call("POST", index + "/internal/search", {"text": q["question"], "k": args.k}, token=token)
    if status != 200:
        sys.exit("search failed for %s: %s %s" % (q["id"], status, body))
    results = body["results"]
    ranked = [r["doc_id"] for r in results]
    relevant = set(q["relevant"])
    rank = next((i + 1 for i, d in enumerate(ranked) if d in relevant), None)
    hits1 += rank == 1
    hits5 += rank is not None and rank <= 5
    rr += 1.0 / rank if rank else 0.0
    if rank is None or rank > 5:
        misses.append((q, rank, results[:5]))
    if args.verbose:
        print("%s rank %s  %s" % (q["id"], rank, " ".join(ranked[:5])))
elapsed = time.time() - started

n = len(questions)
print("retrieval set   %s (%d questions)" % (os.path.relpath(args.set, root), n))
print("index           v%d %s, %d passages, model %s, embeddings v%s, corpus %s v%s"
      % (active["version"], manifest.get("index_type"), manifest.get("ntotal"), manifest.get("model"),
         manifest.get("source_version"), manifest.get("corpus_table"), manifest.get("corpus_versions")))
print("hit@1           %.3f  (%d/%d)" % (hits1 / n, hits1, n))
print("hit@5           %.3f  (%d/%d)" % (hits5 / n, hits5, n))
print("MRR@%-2d          %.3f" % (args.k, rr / n))
print("time            %.1f s for %d text searches (embed + search)" % (elapsed, n))
if misses:
    print("\nmisses at 5 (rank of the first acceptable passage in the top %d, '-' = none):" % args.k)
    for q, rank, top in misses:
        print("  %s [%s] rank %s: %s" % (q["id"], q["topic"], rank or "-", q["question"]))
        print("      wanted: %s" % ", ".join(q["relevant"]))
        for r in top:
            print("      got   : %-10s %.3f %s" % (r["doc_id"], r["score"], r.get("title", "")))
PY
