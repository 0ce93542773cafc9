#!/usr/bin/env bash
# Installs what the shared-store tests (tests/postgres/) need: Debian's PostgreSQL server binaries
# (initdb, pg_ctl, postgres) and the `postgres` system user the package creates. The tests start their own
# throwaway cluster, so the packaged cluster is not used. The Python driver (psycopg) is in the test extras.
# Idempotent: a few milliseconds when the binaries are already there.
set -euo pipefail

find_bin() {
    command -v "$1" 2>/dev/null && return 0
    ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 | grep . && return 0
    return 1
}

if ! find_bin initdb >/dev/null || ! find_bin pg_ctl >/dev/null || ! id postgres >/dev/null 2>&1; then
    echo "install-postgres: apt-get install postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

echo "install-postgres: $("$(find_bin pg_ctl)" --version)"
