#!/usr/bin/env bash
# Installs and starts the services tagwerk's store and page tests need, on a fresh Debian
# machine, as root: PostgreSQL (from Debian's packages) and Chromium (for Playwright).
# Idempotent: run it as often as you like.
#
# Prints one line on stdout, for eval:
#   export TAGWERK_TEST_PG_URL=postgresql://tagwerk:tagwerk@127.0.0.1:5432/tagwerk_test
# Everything else goes to stderr. Use:  eval "$(scripts/ci-services.sh)"
set -euo pipefail

PG_USER="${TAGWERK_PG_USER:-tagwerk}"
PG_PASS="${TAGWERK_PG_PASSWORD:-tagwerk}"
PG_DB="${TAGWERK_PG_DB:-tagwerk_test}"
log() { echo "ci-services: $*" >&2; }

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "missing ${need[*]} and not root: cannot apt-get install"; exit 1
    fi
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${need[@]}" >&2
fi

# The newest installed PostgreSQL major version and its cluster (the package creates "main").
PG_VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
    log "creating cluster $PG_VERSION/main"
    pg_createcluster "$PG_VERSION" main >&2
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')"
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $PG_VERSION/main on port $PG_PORT"
    pg_ctlcluster "$PG_VERSION" main start >&2
fi
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p "$PG_PORT" >&2

psql_su() { su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtA $*" ; }
if [ "$(psql_su "-c \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"")" != "1" ]; then
    log "creating role $PG_USER"
    psql_su "-c \"CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASS'\"" >&2
fi
if [ "$(psql_su "-c \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\"")" != "1" ]; then
    log "creating database $PG_DB"
    psql_su "-c \"CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0\"" >&2
fi

echo "export TAGWERK_TEST_PG_URL=postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/$PG_DB"
