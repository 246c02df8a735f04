#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 + PostGIS cluster on 127.0.0.1 (a free port from 54329 up), as the
# `postgres` user (root may not run initdb/postgres), and exports GEOINCIDENTS_TEST_PG.
# Usage: source .ci/pg-up.sh DIR      (stop with .ci/pg-down.sh DIR)
set -euo pipefail
PGDIR_ARG="$1"
PGBIN=/usr/lib/postgresql/15/bin
PORT=54329
while ss -Hltn "sport = :$PORT" | grep -q .; do PORT=$((PORT+1)); done
mkdir -p "$PGDIR_ARG"
chown postgres:postgres "$PGDIR_ARG"
chmod 700 "$PGDIR_ARG"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR_ARG/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PGDIR_ARG/initdb.log" 2>&1
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR_ARG/data" -l "$PGDIR_ARG/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDIR_ARG -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
psql -h 127.0.0.1 -p "$PORT" -U postgres -qAt -c "CREATE EXTENSION IF NOT EXISTS postgis" postgres >/dev/null
export GEOINCIDENTS_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
echo "PostGIS $(psql -h 127.0.0.1 -p "$PORT" -U postgres -qAt -c 'SELECT postgis_lib_version()' postgres) up on 127.0.0.1:$PORT" >&2
