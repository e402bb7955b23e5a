#!/usr/bin/env bash
# Recomputes embedding-service/src/test/resources/reference-vectors.tsv with ReferenceVectors.java
# (independent of the service's embedding code path; see the class comment). Needs the module built:
#   mvn -B -q -pl embedding-service -am install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl embedding-service dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
java -cp "$(cat "$cp_file")" bench/embedding/ReferenceVectors.java 2>/dev/null | grep -P "\t-?[0-9]" \
  > embedding-service/src/test/resources/reference-vectors.tsv
wc -l embedding-service/src/test/resources/reference-vectors.tsv
