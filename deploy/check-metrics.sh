#!/usr/bin/env bash
# Every metric name that the Prometheus rules and the Grafana dashboards under deploy/ use must be one
# that the running system really exports: this extracts the names from the PromQL expressions
# (deploy/prometheus/*.yml `expr:`, deploy/grafana/dashboards/*.json `expr` and variable queries), scrapes
# each service's /actuator/prometheus, and fails listing any name no service exports.
# Needs the system up (bin/apfa up). Names recorded by the rules themselves (`record:`) and Prometheus'
# own per-target series `up` count as defined.
# Usage: deploy/check-metrics.sh   (APFA_METRICS_TARGETS="host:port/path ..." to scrape elsewhere)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGETS="${APFA_METRICS_TARGETS:-127.0.0.1:8081 127.0.0.1:8082 127.0.0.1:8083 127.0.0.1:8084 127.0.0.1:8085 127.0.0.1:8086 127.0.0.1:8090}"

scrape="$(mktemp)"
trap 'rm -f "$scrape"' EXIT
for target in $TARGETS; do
  url="http://$target"; case "$target" in */*) ;; *) url="$url/actuator/prometheus" ;; esac
  curl -fsS --max-time 10 "$url" >> "$scrape" || { echo "check-metrics: cannot scrape $url (is the system up?)" >&2; exit 2; }
done

# Debian's python3 (python3-yaml is not needed: the rule files are read as text).
exec /usr/bin/python3 - "$ROOT/deploy" "$scrape" <<'PY'
import json, pathlib, re, sys

deploy, scrape = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
exported = {line.split("{")[0].split(" ")[0] for line in scrape.read_text().splitlines()
            if line and not line.startswith("#")}

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "inf", "nan"}

def names(expr):
    """Metric names in one PromQL expression (no full parser: strings, label matchers, ranges,
    grouping lists and function names are stripped; what is left are metric names and numbers)."""
    expr = re.sub(r"label_values\(\s*([a-zA-Z_:][\w:]*)\s*,[^)]*\)", r"\1", expr)
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}", " ", expr)
    expr = re.sub(r"\[[^\]]*\]", " ", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    found = set()
    for m in re.finditer(r"(?<![\w.$])([a-zA-Z_:][\w:]*)(\s*\()?", expr):
        word, call = m.group(1), m.group(2)
        if call or word.lower() in KEYWORDS:
            continue
        found.add(word)
    return found

used, recorded = {}, set()
for f in sorted((deploy / "prometheus").glob("*.yml")):
    text = f.read_text()
    recorded |= set(re.findall(r"^\s*-?\s*record:\s*(\S+)", text, re.M))
    # expr: on one line, or a folded/literal block (>- or |) on the following more-indented lines
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)(?:-\s*)?expr:\s*(.*)$", line)
        if not m:
            continue
        expr = m.group(2)
        if expr.strip() in (">", ">-", "|", "|-"):
            indent, block = len(m.group(1)), []
            for nxt in lines[i + 1:]:
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                    break
                block.append(nxt.strip())
            expr = " ".join(block)
        for n in names(expr):
            used.setdefault(n, set()).add(f.name)
for f in sorted((deploy / "grafana" / "dashboards").glob("*.json")):
    board = json.loads(f.read_text())
    exprs = [t["expr"] for p in board.get("panels", []) for t in p.get("targets", []) if "expr" in t]
    exprs += [v["query"] if isinstance(v.get("query"), str) else v.get("query", {}).get("query", "")
              for v in board.get("templating", {}).get("list", []) if v.get("type") == "query"]
    for e in exprs:
        for n in names(e):
            used.setdefault(n, set()).add(f.name)

defined = exported | recorded | {"up"}
missing = {n: files for n, files in used.items() if n not in defined and not re.fullmatch(r"[\d.e+-]+", n)}
checked = sorted(n for n in used if n not in missing and not re.fullmatch(r"[\d.e+-]+", n))
print(f"check-metrics: {len(checked)} metric names used under deploy/, {len(exported)} exported by the running services")
for n in checked:
    print(f"  ok       {n:55s} {'recording rule' if n in recorded else ('prometheus' if n == 'up' else 'exported')}")
for n, files in sorted(missing.items()):
    print(f"  MISSING  {n:55s} used in {', '.join(sorted(files))}")
if missing:
    print(f"check-metrics: {len(missing)} metric name(s) not exported by any service", file=sys.stderr)
    sys.exit(1)
print("check-metrics: every metric name used by the dashboards and rules is exported")
PY
