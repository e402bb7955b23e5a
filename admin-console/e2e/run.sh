#!/usr/bin/env bash
# Browser tests of the admin console against the running system (start it with bin/apfa up).
#   APFA_CONSOLE_URL      the console (default http://127.0.0.1:8080/admin/)
#   APFA_ADMIN_PASSWORD   the admin's password (default: the data directory's admin-password file)
#   APFA_CHROMIUM         the browser (default /usr/bin/chromium, Debian's package)
# Screenshots go to admin-console/target/screenshots/. Any browser console error fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Browsers cannot be downloaded here, and playwright-core must never try: Debian's Chromium it is.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CHROMIUM="${APFA_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing at $CHROMIUM; install Debian's 'chromium' package (as root: apt-get install chromium)." >&2
    exit 1
  fi
  echo "Installing Debian's chromium (and a font, so screenshots show text)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

# The test dependencies (playwright-core) from package-lock.json; skipped when already installed
# from the same lock file (the Maven build runs npm ci too).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ ! -d node_modules/playwright-core ]; then
  npm ci --prefer-offline --no-audit --no-fund
fi

exec node --test --test-concurrency=1 --test-reporter=spec e2e/console.test.mjs e2e/fallback.test.mjs
