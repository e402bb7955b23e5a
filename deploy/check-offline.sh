#!/usr/bin/env bash
# The deployment checks that need no running system (CI runs them): docker-compose.yml is valid for
# Debian's docker-compose 1.29 with .env.example as its env file, and every k8s overlay builds and
# validates (k8s/validate.sh). Installs docker-compose from Debian when missing and run as root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v docker-compose >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "check-offline: docker-compose missing (apt-get install docker-compose)" >&2; exit 2; }
  apt-get update -qq >/dev/null
  # Only the compose client: the Docker daemon it recommends is not needed to validate a file.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
env_dir="$(mktemp -d)"
trap 'rm -rf "$env_dir"' EXIT
cp "$ROOT/.env.example" "$env_dir/.env"
docker-compose --project-directory "$ROOT" --env-file "$env_dir/.env" -f "$ROOT/docker-compose.yml" config -q
echo "check-offline: docker-compose.yml is valid ($(docker-compose version --short))"

"$ROOT/k8s/validate.sh"
