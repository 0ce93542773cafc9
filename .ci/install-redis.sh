#!/usr/bin/env bash
# Installs Debian's redis-server for tests/api/test_workers.py (several workers sharing the per-IP limit).
# The test starts its own throwaway server on a free port; the packaged service is not used.
# Idempotent: a few milliseconds when the binary is already there.
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
    echo "install-redis: apt-get install redis-server"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

echo "install-redis: $(redis-server --version)"
