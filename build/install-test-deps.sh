#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing: librdkafka (the Kafka connector's native
# client; the tests run against its built-in mock cluster) and PostgreSQL (a temporary server per test run).
# Safe to run again; does nothing when everything is there.
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q 'librdkafka\.so\.1' || need+=(librdkafka1)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing test dependencies: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
