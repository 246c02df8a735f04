#!/usr/bin/env bash
# Regenerates the known answers of the analysis tests from independent tools (README.md beside this file):
# PostGIS 3.3 (PostgreSQL 15) for band areas and point-in-polygon, GeographicLib 2.1.2's GeodSolve for distances
# to the reference lines (nearest_geodsolve.py), PostGIS geography for the case-4 claim distances.
# Usage: tests/GeoIncidents.Core.Tests/Analysis/ReferenceData/generate.sh   (from the repository root)
#   needs: a PostGIS server in GEOINCIDENTS_TEST_PG (`source .ci/pg-up.sh $(mktemp -d)` starts one), ogr2ogr,
#   GeodSolve, /usr/bin/python3, and for the case-4 step the built CLI (dotnet build src/GeoIncidents.Cli -c Release).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../../../.. && pwd)
DATA=$ROOT/data
: "${GEOINCIDENTS_TEST_PG:?start PostGIS first: source .ci/pg-up.sh \$(mktemp -d)}"
field() { tr ';' '\n' <<<"$GEOINCIDENTS_TEST_PG" | sed -n "s/^$1=//p"; }
export PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGDATABASE=$(field Database)
psql_q() { psql -v ON_ERROR_STOP=1 -qAtX -F $'\t' "$@"; }
OGR_PG="PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=$PGDATABASE active_schema=ref_analysis"

psql_q -c "DROP SCHEMA IF EXISTS ref_analysis CASCADE; CREATE SCHEMA ref_analysis"
for f in regions/countries regions/provinces reference-lines/ne-10m/ne-10m reference-lines/osm-2020/osm-2020 places/places; do
  ogr2ogr -f PostgreSQL "$OGR_PG" "$DATA/$f.geojson" -nln "$(basename "$f" | tr '-' '_')" -lco GEOMETRY_NAME=geom -lco SCHEMA=ref_analysis -overwrite
done
psql_q -c "CREATE VIEW ref_analysis.lines AS SELECT id, geom FROM ref_analysis.ne_10m UNION ALL SELECT id, geom FROM ref_analysis.osm_2020;
          CREATE VIEW ref_analysis.regions AS SELECT iso_a2 AS id, geom FROM ref_analysis.countries
                                   UNION ALL SELECT coalesce(iso_3166_2, ne_adm1_code), geom FROM ref_analysis.provinces"

# 1. Band areas: region ∩ buffer(line, depth), two ways.
#  localtm:   line and region segmentized on the geography (500 m / 1 km), buffered by depth with quad_segs=90 in a
#             transverse Mercator (k=1) centred on the region's centroid, back to EPSG:4326, intersected, ST_Area(geography).
#  geography: PostGIS's own ST_Buffer(line::geography, depth) (UTM zone chosen by _ST_BestSRID, quad_segs=8), cast to
#             geometry, intersected with the region, ST_Area(geography): the command the issue names.
{
  echo "# region	line	depth_m	area_km2_localtm	area_km2_geography"
  while read -r region line depth; do
    psql_q -c "
      WITH r AS (SELECT ST_Segmentize(geom::geography, 1000)::geometry AS g FROM ref_analysis.regions WHERE id = '$region'),
           tm AS (SELECT '+proj=tmerc +lat_0=' || ST_Y(ST_Centroid(g)) || ' +lon_0=' || ST_X(ST_Centroid(g)) || ' +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs' AS p FROM r),
           l AS (SELECT geom, ST_Segmentize(geom::geography, 500)::geometry AS g FROM ref_analysis.lines WHERE id = '$line')
      SELECT '$region', '$line', $depth,
        round((ST_Area(ST_Intersection(r.g, ST_Transform(ST_Buffer(ST_Transform(l.g, tm.p), $depth, 'quad_segs=90'), tm.p, 4326))::geography) / 1e6)::numeric, 6),
        round((ST_Area(ST_Intersection((SELECT geom FROM ref_analysis.regions WHERE id = '$region'), ST_Buffer(l.geom::geography, $depth)::geometry)::geography) / 1e6)::numeric, 6)
      FROM r, tm, l"
  done <<'ROWS'
AM-SU ne-10m 600
AM-SU ne-10m 3500
AM-SU ne-10m 6400
AM-SU osm-2020 3000
AM-SU osm-2020 3500
AM-SU osm-2020 4000
AM-GR osm-2020 3000
AM-GR ne-10m 3000
AZ-KAL osm-2020 3000
AZ-KAL ne-10m 3000
ROWS
} > band-areas.tsv

# 2. Locate: country and province by PostGIS ST_Covers (topological, on lon/lat, as the analyses), then the nearest
#    point of each line by nearest_geodsolve.py (GeodSolve). Points: the five places of the issue, and a point in the
#    Artsvashen exclave (inside both lines' exclave rings: ST_PointOnSurface of their intersection, rounded).
POINTS="goris kapan sev-lich verin-shorzha kalbajar"
{
  echo "# name	lat	lon	country	province	line	distance_m	signed_distance_m	nearest_lat	nearest_lon	part	edge"
  rows() {
    for p in $POINTS; do
      psql_q -c "SELECT id, round(ST_Y(geom)::numeric, 6), round(ST_X(geom)::numeric, 6) FROM ref_analysis.places WHERE id = '$p'"
    done
    echo "artsvashen	40.6341	45.5164"
  }
  rows | while IFS=$'\t' read -r name lat lon; do
    country=$(psql_q -c "SELECT coalesce(string_agg(iso_a2, ','), '-') FROM ref_analysis.countries WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($lon, $lat), 4326))")
    province=$(psql_q -c "SELECT coalesce(string_agg(coalesce(iso_3166_2, ne_adm1_code), ','), '-') FROM ref_analysis.provinces WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($lon, $lat), 4326))")
    for line in ne-10m osm-2020; do
      /usr/bin/python3 nearest_geodsolve.py "$DATA/reference-lines/$line/$line.geojson" "$lat" "$lon" |
        while read -r _ _ d s flat flon part edge _; do
          printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$lat" "$lon" "$country" "$province" "$line" "$d" "$s" "$flat" "$flon" "$part" "$edge"
        done
    done
  done
} > locate-points.tsv

# 3. Case 4: the two capture areas as GeoIncidents derives them (its CLI, --json), measured by PostGIS geography:
#    the minimum distance (ST_Distance, spheroid) and the distance between their centroids (ST_Centroid of the
#    geometry, a planar centroid on lon/lat: see README for why that is close enough), per pair of claims.
CLI="$ROOT/src/GeoIncidents.Cli/bin/Release/net10.0/geoincidents.dll"
if [ -f "$CLI" ]; then
  dotnet "$CLI" measure claims --incident inc-2021-05-27-gegharkunik-kalbajar --json > case4-claims.geojson
  ogr2ogr -f PostgreSQL "$OGR_PG" case4-claims.geojson -nln case4 -lco GEOMETRY_NAME=geom -lco SCHEMA=ref_analysis -overwrite \
    -sql "SELECT * FROM \"case4-claims\" WHERE kind = 'claim'"
  {
    echo "# claim_a	claim_b	min_distance_m	centroid_distance_m"
    psql_q -c "SELECT a.claim, b.claim,
                 round(ST_Distance(a.geom::geography, b.geom::geography)::numeric, 3),
                 round(ST_Distance(ST_Centroid(a.geom)::geography, ST_Centroid(b.geom)::geography)::numeric, 3)
              FROM ref_analysis.case4 a JOIN ref_analysis.case4 b ON a.claim < b.claim
              WHERE a.geom IS NOT NULL AND b.geom IS NOT NULL ORDER BY 1, 2"
  } > case4-distances.tsv
  {
    echo "# claim	area_km2"
    psql_q -c "SELECT claim, round((ST_Area(geom::geography) / 1e6)::numeric, 6) FROM ref_analysis.case4 WHERE geom IS NOT NULL ORDER BY 1"
  } > case4-areas.tsv
else
  echo "skipping case 4: build the CLI first (dotnet build src/GeoIncidents.Cli -c Release)" >&2
fi
psql_q -c "DROP SCHEMA ref_analysis CASCADE"
