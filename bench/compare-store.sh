#!/usr/bin/env bash
# Store benchmarks of issue 5, ours and PostGIS side by side (bench/README.md, "Store: bbox queries and point in region"):
#   (c) bbox queries returning 80..120 of N incidents: our store on GeoPackage and on PostGIS (RecordQuery with Bbox,
#       Limit 100) vs a hand-written PostGIS query (&& + ST_Intersects, ORDER BY time, id LIMIT 100) over Npgsql;
#   (d) point-in-region assignment of the N incidents: PointInAreaIndex (1 and 2 threads) vs PostGIS's ST_Contains join
#       with GiST, on the shipped first-level units and on 80 synthetic polygons of 2,000 vertices; every point's region
#       is compared.
# It starts a throwaway PostGIS (.ci/pg-up.sh), builds the benchmark (Release), loads N deterministic incidents into a
# GeoPackage store and a PostGIS store through the store's batch write (WriteBatchAsync, 100,000 per batch) and into
# plain PostGIS tables (binary COPY), then runs the measurement RUNS times, each in a fresh process, and stops PostGIS.
#
# Usage: bench/compare-store.sh [runs]
#   environment: N incidents (1000000), BOXES per run (400), REPEATS of each throughput timing (5), ONLY (all, bbox or regions),
#                WORK folder for the GeoPackage and the build (a temporary one, removed unless KEEP=1).
# Needs: PostgreSQL 15 + PostGIS 3 binaries (as .ci/run installs them), the .NET SDK; runs as root (pg-up.sh uses runuser).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
N=${N:-1000000}
BOXES=${BOXES:-400}
REPEATS=${REPEATS:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_CERT_REVOCATION_MODE=offline MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false

PGDIR=$(mktemp -d -t compare-store-pg.XXXX)
WORK=${WORK:-$(mktemp -d -t compare-store.XXXX)}
mkdir -p "$WORK"
cleanup() {
  .ci/pg-down.sh "$PGDIR"
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

source .ci/pg-up.sh "$PGDIR"
echo "building bench/GeoIncidents.Bench (Release) ..." >&2
dotnet build bench/GeoIncidents.Bench -c Release -o "$WORK/bin" -v q >/dev/null
BENCH=("dotnet" "$WORK/bin/GeoIncidents.Bench.dll" store)

start=$(date +%s)
"${BENCH[@]}" setup --pg "$GEOINCIDENTS_TEST_PG" --work "$WORK" --count "$N"
echo "setup took $(( $(date +%s) - start )) s"

status=0
for r in $(seq "$RUNS"); do
  echo "== run $r of $RUNS"
  "${BENCH[@]}" measure --pg "$GEOINCIDENTS_TEST_PG" --work "$WORK" --count "$N" --boxes "$BOXES" --repeats "$REPEATS" --only "${ONLY:-all}" || status=1
done
exit $status
