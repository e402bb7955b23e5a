#!/usr/bin/env bash
# Builds a Java 17 runtime base image as a `docker save`-format tar from this machine's JDK, with
# no registry and no Docker daemon, so Jib can build the service images offline:
#
#   deploy/jib/base-image.sh target/base-image.tar
#   mvn -o -pl gateway jib:buildTar -Djib.from.image=tar://$PWD/target/base-image.tar
#
# The image holds a jlink'ed runtime (all modules of the JDK, no debug symbols) at /opt/java/openjdk,
# exactly the shared libraries it and the FAISS JNI library need (found with ldd; the FAISS ones so that
# index-service runs on it), bash and grep for health checks, /etc/passwd with the non-root user 65532
# the images run as, and /tmp. It is a runtime, not a distribution: no package manager.
# Options: JDK (default: the java on PATH), IMAGE_NAME (default apfa/base-jre:17).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: deploy/jib/base-image.sh <output.tar>}"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
JDK="${JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
IMAGE_NAME="${IMAGE_NAME:-apfa/base-jre:17}"
[ -d "$JDK/jmods" ] || { echo "base-image: $JDK has no jmods/ (a full JDK is needed for jlink)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/opt/java" "$rootfs/etc" "$rootfs/tmp" "$work/image"

# 1. The runtime.
"$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules ALL-MODULE-PATH --strip-debug --no-man-pages \
  --no-header-files --output "$rootfs/opt/java/openjdk"

# 2. The shared libraries it links against, plus those of the FAISS JNI library (libs/faiss jar).
elves=("$rootfs"/opt/java/openjdk/bin/* $(find "$rootfs/opt/java/openjdk/lib" -name '*.so'))
faiss_jar="$(ls "$ROOT"/libs/faiss/target/faiss-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)"
if [ -n "$faiss_jar" ]; then
  mkdir -p "$work/faiss" && (cd "$work/faiss" && unzip -q -o "$faiss_jar" '*.so')
  elves+=($(find "$work/faiss" -name '*.so'))
fi
# bash and grep, only for container health checks (compose asks /actuator/health/readiness via /dev/tcp).
mkdir -p "$rootfs/usr/bin"
for tool in bash grep; do
  cp -L "$(command -v "$tool")" "$rootfs/usr/bin/$tool"
  elves+=("$(command -v "$tool")")
done
ldd "${elves[@]}" 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u > "$work/libs.txt"
while read -r lib; do
  case "$lib" in "$rootfs"/*) continue ;; esac
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done < "$work/libs.txt"
[ -f /etc/ld.so.cache ] && cp /etc/ld.so.cache "$rootfs/etc/"

# 3. Users and a writable /tmp.
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"

# 4. One layer, reproducible (sorted, owned by root, fixed time), and the docker-save manifest.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],"User":"65532"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/jib/base-image.sh (jlink of $(basename "$JDK"))"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$IMAGE_NAME" > "$work/image/manifest.json"
mkdir -p "$(dirname "$OUT")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$OUT" manifest.json config.json layer.tar
echo "base image $IMAGE_NAME -> $OUT ($(du -h "$OUT" | cut -f1), $(wc -l < "$work/libs.txt") shared libraries, layer $diff_id)"
