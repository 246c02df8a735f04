#!/usr/bin/env bash
# Point-to-border distance: GeoIncidents (GeodesicPolyline: Karney edges, indexed) vs PostGIS ST_Distance(geography)
# on the SAME points (uniform in the Syunik box, lon 45.9–46.7 E, lat 38.85–39.8 N; fixed seed) and the same shipped
# reference lines, in one run. Prints points/s and ratios, and the mean difference of the distances.
# Usage: bench/compare-border.sh [points, default 1000000] [postgis points, default 100000]
# PostGIS computes a distance per (point, line) pair without a per-edge index, so it runs on a subset; its rate is
# per point all the same. Needs postgresql-15-postgis-3 (installed if missing) and runs as root (throwaway cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
export GEOINCIDENTS_REPO=$PWD
N=${1:-1000000}
NPG=${2:-100000}
export NUGET_CERT_REVOCATION_MODE=offline MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dpkg-query -W -f='${Status}' postgresql-15-postgis-3 2>/dev/null | grep -q "install ok installed" \
  || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15-postgis-3; }

WORK=$(mktemp -d -t geoincidents-border.XXXXXX)
PGDIR=$(mktemp -d -t geoincidents-border-pg.XXXXXX)   # its own folder: the postgres user must reach it
trap '.ci/pg-down.sh "$PGDIR"; rm -rf "$WORK"' EXIT
python3 - "$N" "$WORK/points.txt" <<'PY'
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
r = random.Random(20210512)
with open(out, "w") as f:
    for _ in range(n):
        f.write(f"{38.85 + r.random() * 0.95:.9f} {45.9 + r.random() * 0.8:.9f}\n")
PY
head -n "$NPG" "$WORK/points.txt" > "$WORK/points-pg.txt"

dotnet build bench/GeoIncidents.Bench -c Release -o "$WORK/bench" >/dev/null
# shellcheck source=/dev/null
source .ci/pg-up.sh "$PGDIR" 2>/dev/null
PORT=$(echo "$GEOINCIDENTS_TEST_PG" | sed -E 's/.*Port=([0-9]+).*/\1/')
PSQL="psql -h 127.0.0.1 -p $PORT -U postgres -qAt postgres"
$PSQL -c "CREATE TABLE pts (lat float8, lon float8); CREATE TABLE line (id text, g geography);"
$PSQL -c "\\copy pts FROM '$WORK/points-pg.txt' WITH (FORMAT text, DELIMITER ' ')"
$PSQL -c "ALTER TABLE pts ADD COLUMN g geography(Point, 4326); UPDATE pts SET g = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;"
$PSQL -c "VACUUM ANALYZE pts"
for id in ne-10m osm-2020; do
  python3 -c "import json,sys; d=json.load(open('data/reference-lines/$id/$id.geojson')); print(json.dumps(d['features'][0]['geometry']))" > "$WORK/$id.json"
  $PSQL -v g="$(cat "$WORK/$id.json")" <<<"INSERT INTO line VALUES ('$id', ST_SetSRID(ST_GeomFromGeoJSON(:'g'), 4326)::geography)"
done

printf '%-10s %-22s %10s %12s\n' line tool points points/s
for id in ne-10m osm-2020; do
  ours1=$(dotnet "$WORK/bench/GeoIncidents.Bench.dll" border "$id" "$WORK/points.txt" 1 3)
  ours2=$(dotnet "$WORK/bench/GeoIncidents.Bench.dll" border "$id" "$WORK/points.txt" 2 3)
  oursPg=$(dotnet "$WORK/bench/GeoIncidents.Bench.dll" border "$id" "$WORK/points-pg.txt" 1 1)
  t0=$(date +%s.%N)
  pgsum=$($PSQL -c "SELECT sum(ST_Distance(p.g, l.g)) FROM pts p, line l WHERE l.id = '$id'")
  t1=$(date +%s.%N)
  rate1=$(echo "$ours1" | sed -E 's/.*per_second=([0-9]+).*/\1/')
  rate2=$(echo "$ours2" | sed -E 's/.*per_second=([0-9]+).*/\1/')
  pgrate=$(python3 -c "print(round($NPG / ($t1 - $t0)))")
  oursum=$(echo "$oursPg" | sed -E 's/.*sum_m=([-0-9.]+).*/\1/')
  printf '%-10s %-22s %10s %12s\n' "$id" "geoincidents 1 thread" "$N" "$rate1"
  printf '%-10s %-22s %10s %12s\n' "$id" "geoincidents 2 threads" "$N" "$rate2"
  printf '%-10s %-22s %10s %12s\n' "$id" "PostGIS geography" "$NPG" "$pgrate"
  python3 -c "print(f'{\"$id\":10s} ratio 1 thread / PostGIS: {$rate1 / $pgrate:.1f}x; 2 threads: {$rate2 / $pgrate:.1f}x; mean |ours - PostGIS| over the PostGIS points: {abs($oursum - $pgsum) / $NPG * 1000:.2f} mm (PostGIS: spherical edges, see tests/GeoIncidents.Storage.Tests/PostGis/GeodesicDistancePostGisTests.cs)')"
done
