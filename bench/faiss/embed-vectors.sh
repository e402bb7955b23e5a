#!/usr/bin/env bash
# Real MiniLM embeddings for run.sh --vectors: N synthetic loan passages (libs/lakehouse
# SyntheticCorpus) plus the shipped corpus as the indexed rows, then Q query rows (the questions of
# knowledge/eval/retrieval.jsonl, then held-out synthetic passages), embedded by embedding-service's
# own embedder (fp32 all-MiniLM-L6-v2, one ONNX thread per worker). Prints the file it wrote.
#
#   bench/faiss/embed-vectors.sh [--n 40000] [--queries 1000] [--workers 2]
#   bench/faiss/run.sh --vectors "$APFA_DATA_DIR/bench/faiss/minilm-<n+321>.f32" --queries 1000
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n=40000; queries=1000; workers="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --queries) queries="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="${APFA_DATA_DIR:-$root/.apfa}/bench/faiss"
mkdir -p "$work"
[ -d "$root/embedding-service/target/classes" ] || (cd "$root" && mvn -B -q -pl embedding-service install -DskipTests)
(cd "$root" && mvn -B -q -pl embedding-service dependency:build-classpath -Dmdep.outputFile="$work/embedding-classpath.txt" >/dev/null)
out="$work/minilm-$((n + 321)).f32"
java -Xmx2g -cp "$root/embedding-service/target/classes:$(cat "$work/embedding-classpath.txt")" \
  "$root/bench/faiss/EmbedVectors.java" "$n" "$queries" "$root/knowledge/eval/retrieval.jsonl" "$out" "$workers" 2>&1 \
  | grep -v -e ' WARN ' -e ' INFO '
echo "$out"
