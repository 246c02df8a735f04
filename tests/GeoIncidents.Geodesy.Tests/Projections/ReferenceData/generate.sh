#!/usr/bin/env bash
# Regenerates the reference files of this folder from the point lists, with GeographicLib 2.1.2 (GeoConvert),
# PROJ 9.1.1 (cs2cs) and GDAL 3.6.2 (gdalsrsinfo), as packaged by Debian 12. Run it from this folder.
set -euo pipefail
cd "$(dirname "$0")"
pts() { grep -v '^#' "$1"; }

# UTM: standard zone, easting, northing (GeoConvert -u, 0.1 mm), then meridian convergence and scale (GeoConvert -c).
{
  echo "# lat lon zone easting_m northing_m convergence_deg scale   (GeoConvert -u -p 4; GeoConvert -c -p 9)"
  paste -d' ' <(pts utm-points.txt) <(pts utm-points.txt | GeoConvert -u -p 4) <(pts utm-points.txt | GeoConvert -c -p 9)
} > utm-geoconvert.txt

# Web Mercator: EPSG:4326 (lat, lon order) to EPSG:3857 with cs2cs, 0.1 mm.
{
  echo "# lat lon x_m y_m   (cs2cs -f %.4f EPSG:4326 EPSG:3857)"
  paste -d' ' <(pts webmercator-points.txt) <(pts webmercator-points.txt | cs2cs -f %.4f EPSG:4326 EPSG:3857 | awk '{print $1, $2}')
} > webmercator-cs2cs.txt

# Local transverse Mercator centred at 39.5N 46.2E, k0 = 1, as a PROJ string (independent of our WKT).
# cs2cs with +proj=longlat reads lon lat, so the columns are swapped on the way in.
TM='+proj=tmerc +lat_0=39.5 +lon_0=46.2 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m'
{
  echo "# lat lon x_m y_m   (cs2cs -f %.4f +proj=longlat +datum=WGS84 +to $TM, input lon lat)"
  paste -d' ' <(pts local-tm-points.txt) <(pts local-tm-points.txt | awk '{print $2, $1}' | cs2cs -f %.4f +proj=longlat +datum=WGS84 +to $TM | awk '{print $1, $2}')
} > local-tm-cs2cs.txt

# Standard WKT 1 of the EPSG CRSs we export.
mkdir -p wkt1
for code in 32601 32631 32638 32660 32701 32738 32760 3857; do
  gdalsrsinfo -o wkt1 "EPSG:$code" | sed '/^$/d' > "wkt1/EPSG-$code.wkt"
done
