#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing: librdkafka (the Kafka connector's native
# client; the tests run against its built-in mock cluster), PostgreSQL (a temporary server per test run) and Chromium
# (the web UI's browser tests drive Debian's /usr/bin/chromium through Playwright; Playwright's own browser download
# does not work here). Then builds the web UI (web/: npm ci, npm run build) when web/dist is missing or stale.
# Safe to run again; does nothing when everything is there.
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q 'librdkafka\.so\.1' || need+=(librdkafka1)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)

build_web_ui() {
  local web
  web="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/web"
  [ -f "$web/package.json" ] && command -v npm >/dev/null || return 0
  if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    (cd "$web" && npm ci --no-audit --no-fund >/dev/null)
  fi
  if [ ! -f "$web/dist/index.html" ] || [ -n "$(find "$web/src" "$web/index.html" "$web/package-lock.json" -newer "$web/dist/index.html" -print -quit)" ]; then
    (cd "$web" && npm run build >/dev/null)
  fi
}

if [ ${#need[@]} -eq 0 ]; then
  build_web_ui
  exit 0
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing test dependencies: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
build_web_ui
