#!/usr/bin/env bash
# Stops the throwaway cluster started by pg-up.sh and removes its folder.
set -u
PGDIR_ARG="$1"
if [ -d "$PGDIR_ARG/data" ]; then
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PGDIR_ARG/data" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$PGDIR_ARG"
