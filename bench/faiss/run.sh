#!/usr/bin/env bash
# FAISS benchmark: the project's Java binding (libs/faiss) vs Debian's python3-faiss on the same
# vectors, queries, index structure, training sample and thread settings; then single-query p99 at
# scale. Prints figures and Java/python ratios; never fails on a timing.
#
#   bench/faiss/run.sh [--n 100000] [--vectors FILE --d 384] [--queries 1000] [--single 200]
#                      [--train-per-list 64] [--scale 1000000] [--rounds 2]
#
# --vectors takes raw little-endian float32 rows (n x d), e.g. the real MiniLM embeddings of the
# corpus exported from the Delta `embeddings` table; the last --queries rows are the queries.
# Without it, clustered unit vectors are generated (gen_vectors.py). --scale N adds a Java-only
# IVF run on N generated vectors for the p99 single-query latency (0 to skip).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/bench/faiss"
n=100000; d=384; queries=1000; single=200; train_per_list=64; scale=0; vectors=""; rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --d) d="$2"; shift 2 ;;
    --vectors) vectors="$2"; shift 2 ;;
    --queries) queries="$2"; shift 2 ;;
    --single) single="$2"; shift 2 ;;
    --train-per-list) train_per_list="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# Debian's interpreter, where python3-faiss lives (a pyenv or venv python3 on PATH would not see it).
py="${APFA_BENCH_PYTHON:-/usr/bin/python3}"
"$py" -c "import faiss, numpy" 2>/dev/null || {
  echo "python3-faiss is needed for the comparison: apt-get install python3-faiss python3-numpy" >&2; exit 1; }

work="${APFA_DATA_DIR:-$root/.apfa}/bench/faiss"
mkdir -p "$work"
jar="$(ls "$root"/libs/faiss/target/faiss-*.jar 2>/dev/null | grep -v sources | head -1 || true)"
if [ -z "$jar" ]; then
  (cd "$root" && mvn -B -q -pl libs/faiss -am install -DskipTests)
  jar="$(ls "$root"/libs/faiss/target/faiss-*.jar | head -1)"
fi
(cd "$root" && mvn -B -q -pl libs/faiss dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >/dev/null)
cp="$jar:$(cat "$work/classpath.txt")"

if [ -z "$vectors" ]; then
  vectors="$work/generated-$n-$d.f32"
  [ -f "$vectors" ] || "$py" "$here/gen_vectors.py" --n $((n + queries)) --d "$d" --out "$vectors"
else
  n=$(( $(stat -c %s "$vectors") / 4 / d - queries ))
fi
nlist=$("$py" -c "import math; print(max(1, round(4 * math.sqrt($n))))")
heap=$(( (n + queries) * d * 4 * 3 / 1048576 + 512 ))m
echo "data: $vectors  n=$n d=$d queries=$queries single=$single nlist=$nlist train=$((nlist * train_per_list)) cores=$(nproc)"

rm -f "$work"/java-r*.txt "$work"/python-r*.txt
for round in $(seq 1 "$rounds"); do
  echo "--- round $round: java"
  java -Xmx$heap -cp "$cp" "$here/FaissBench.java" "$vectors" "$d" "$queries" "$single" "$nlist" "$train_per_list" \
    | tee "$work/java-r$round.txt"
  echo "--- round $round: python"
  "$py" "$here/bench_python.py" --vectors "$vectors" --d "$d" --queries "$queries" --single "$single" \
    --nlist "$nlist" --train-per-list "$train_per_list" | tee "$work/python-r$round.txt"
done

"$py" - "$work" "$rounds" <<'PY'
import sys
work, rounds = sys.argv[1], int(sys.argv[2])
def best(side):
    merged = {}
    for r in range(1, rounds + 1):
        for line in open(f"{work}/{side}-r{r}.txt"):
            if "=" in line:
                k, v = line.strip().split("=")
                v = float(v)
                # times: the least disturbed round; recall: identical in every round
                merged[k] = min(merged.get(k, v), v) if k.endswith(("_s", "_ms")) else v
    return merged
j, p = best("java"), best("python")
print(f"\n{'figure (best of %d)' % rounds:28} {'java':>10} {'python':>10} {'java/python':>12}")
for key in j:
    ratio = j[key] / p[key] if p.get(key) else float("nan")
    print(f"{key:28} {j[key]:10.4f} {p.get(key, float('nan')):10.4f} {ratio:12.3f}")
PY

if [ "$scale" -gt 0 ]; then
  big="$work/generated-$scale-$d.f32"
  [ -f "$big" ] || "$py" "$here/gen_vectors.py" --n $((scale + queries)) --d "$d" --out "$big"
  snlist=$("$py" -c "import math; print(round(4 * math.sqrt($scale)))")
  sheap=$(( (scale + queries) * d * 4 * 3 / 1048576 + 512 ))m
  echo "scale: n=$scale nlist=$snlist nprobe=32 (Java only)"
  java -Xmx$sheap -cp "$cp" "$here/FaissBench.java" "$big" "$d" "$queries" 1000 "$snlist" "$train_per_list" scale \
    | tee "$work/java-scale.txt"
fi
