#!/usr/bin/env bash
# Builds each overlay with kustomize (kubectl kustomize, or a standalone kustomize) and validates the
# output offline with k8s/validate/validate.mjs: Kubernetes schemas (npm kubernetes-models), the
# operators' custom resources (k8s/validate/operator-schemas.json) and APFA's own rules.
# The validator's npm packages are installed once into k8s/target/validate (pinned in
# k8s/validate/package.json); after that it runs without a network. CI runs this script.
set -euo pipefail
K8S="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$K8S")"
WORK="$K8S/target"
mkdir -p "$WORK"

if command -v kubectl >/dev/null 2>&1; then
  build() { kubectl kustomize "$1"; }
elif command -v kustomize >/dev/null 2>&1; then
  build() { kustomize build "$1"; }
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "k8s/validate: installing Debian's kubectl (kubernetes-client)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
  build() { kubectl kustomize "$1"; }
else
  echo "k8s/validate: neither kubectl nor kustomize found (apt-get install kubernetes-client)" >&2; exit 2
fi
command -v node >/dev/null 2>&1 || { echo "k8s/validate: node is needed (apt-get install nodejs npm)" >&2; exit 2; }

validator="$WORK/validate"
if ! cmp -s "$K8S/validate/package.json" "$validator/package.json" || [ ! -d "$validator/node_modules/kubernetes-models" ]; then
  rm -rf "$validator" && mkdir -p "$validator"
  cp "$K8S/validate/package.json" "$validator/"
  (cd "$validator" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp "$K8S/validate/validate.mjs" "$K8S/validate/operator-schemas.json" "$validator/"

status=0
for overlay in "$K8S"/overlays/*/; do
  name="$(basename "$overlay")"
  out="$WORK/$name.yaml"
  # kustomize's deprecation notes (bases, patchesStrategicMerge: kept for old kustomize) are not errors.
  build "$overlay" > "$out" 2> "$WORK/$name.err" || { cat "$WORK/$name.err" >&2; echo "k8s/validate: $name does not build" >&2; status=1; continue; }
  grep -v -i "deprecated" "$WORK/$name.err" >&2 || true
  node "$validator/validate.mjs" "$out" "$ROOT/libs/contracts/src/main/java/dev/apfa/contracts/Topic.java" || status=1
done
[ "$status" -eq 0 ] && echo "k8s/validate: every overlay builds and validates"
exit "$status"
