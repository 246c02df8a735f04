#!/usr/bin/env bash
# Import/export speed of the published `geoincidents` CLI against GDAL's ogr2ogr on the same data, measured in the
# same run (the machine is shared: compare ratios, repeat runs):
#   (a) import N ACLED-style CSV rows into a fresh GeoPackage store   vs  ogr2ogr -f GPKG on the same CSV
#   (b) export those N incidents to GeoJSON                           vs  ogr2ogr -f GeoJSON from the same store file
# Wall time and peak RSS come from /usr/bin/time -v (Debian package `time`, installed when missing).
# Usage: bench/compare-io.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 3 runs; WORK=dir keeps the files)
#        STORE=path/to/store.gpkg bench/compare-io.sh [ROWS] [RUNS]   times only (b), the export, from an existing store
#        (e.g. one imported from a bench/generate_acled_csv.py file); the store is not modified.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${2:-3}
WORK=${WORK:-$(mktemp -d -t geoincidents-io.XXXXXX)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_CERT_REVOCATION_MODE=offline MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false

need=""
[ -x /usr/bin/time ] || need="$need time"
command -v ogr2ogr >/dev/null || need="$need gdal-bin"
if [ -n "$need" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

echo "work: $WORK  rows: $ROWS  runs: $RUNS  cores: $(nproc)  $(ogr2ogr --version)" >&2
dotnet publish src/GeoIncidents.Cli -c Release -o "$WORK/cli" -v quiet -nologo >/dev/null
CLI="$WORK/cli/geoincidents"
CSV="$WORK/acled-$ROWS.csv"
if [ -z "${STORE:-}" ]; then
  [ -f "$CSV" ] || python3 bench/generate_acled_csv.py "$ROWS" "$CSV"
  echo "input: $CSV ($(du -m "$CSV" | cut -f1) MB)" >&2
else
  echo "export only, from $STORE ($(du -m "$STORE" | cut -f1) MB)" >&2
fi
SRC=${STORE:-$WORK/store.gpkg}

# Runs a command under /usr/bin/time -v; prints "seconds maxrss_kb cpu_seconds" (cpu = user + system).
measure() {
  local log="$WORK/time.log"
  # Each command starts without the previous one's dirty pages still being written back (a 1.5 GB store otherwise
  # slows whichever command runs next by up to a third on this machine).
  sync; sleep 1
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { rss = $2 } /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
              END { printf "%.2f %d %.2f\n", s, rss, cpu }' "$log"
}

rate() { awk -v n="$ROWS" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf '%-4s %-28s %9s %11s %9s\n' run step seconds rows/s rss_MB
for run in $(seq 1 "$RUNS"); do
  rm -f "$WORK"/ours.geojson "$WORK"/ogr.geojson
  if [ -z "${STORE:-}" ]; then
  rm -f "$WORK"/store.gpkg* "$WORK"/ogr.gpkg
  "$CLI" db init --db "$WORK/store.gpkg" >/dev/null
  # Alternate who goes first, so that neither always meets a warm or a cold page cache.
  if [ $((run % 2)) -eq 1 ]; then
    read -r ours_s ours_rss ours_cpu < <(measure "$CLI" import "$CSV" --db "$WORK/store.gpkg")
    read -r ogr_s ogr_rss ogr_cpu < <(measure ogr2ogr -f GPKG "$WORK/ogr.gpkg" "$CSV" -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -a_srs EPSG:4326 -nln incidents)
  else
    read -r ogr_s ogr_rss ogr_cpu < <(measure ogr2ogr -f GPKG "$WORK/ogr.gpkg" "$CSV" -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -a_srs EPSG:4326 -nln incidents)
    read -r ours_s ours_rss ours_cpu < <(measure "$CLI" import "$CSV" --db "$WORK/store.gpkg")
  fi
  printf '%-4s %-28s %9s %11s %9s\n' "$run" "import geoincidents" "$ours_s" "$(rate "$ours_s")" $((ours_rss / 1024))
  printf '%-4s %-28s %9s %11s %9s\n' "$run" "import ogr2ogr -f GPKG" "$ogr_s" "$(rate "$ogr_s")" $((ogr_rss / 1024))
  printf '%-4s %-28s %9s   (goal >= 1.0)\n' "$run" "import ratio (ours/ogr rows/s)" "$(ratio "$ogr_s" "$ours_s")"
  fi

  if [ $((run % 2)) -eq 1 ]; then
    read -r eours_s eours_rss eours_cpu < <(measure "$CLI" export --db "$SRC" --out "$WORK/ours.geojson")
    read -r eogr_s eogr_rss eogr_cpu < <(measure ogr2ogr -f GeoJSON "$WORK/ogr.geojson" "$SRC" incidents)
  else
    read -r eogr_s eogr_rss eogr_cpu < <(measure ogr2ogr -f GeoJSON "$WORK/ogr.geojson" "$SRC" incidents)
    read -r eours_s eours_rss eours_cpu < <(measure "$CLI" export --db "$SRC" --out "$WORK/ours.geojson")
  fi
  printf '%-4s %-28s %9s %11s %9s   (CPU s: %s)\n' "$run" "export geoincidents" "$eours_s" "$(rate "$eours_s")" $((eours_rss / 1024)) "$eours_cpu"
  printf '%-4s %-28s %9s %11s %9s   (CPU s: %s)\n' "$run" "export ogr2ogr -f GeoJSON" "$eogr_s" "$(rate "$eogr_s")" $((eogr_rss / 1024)) "$eogr_cpu"
  printf '%-4s %-28s %9s   (goal >= 2.0; RSS goal <= 160 MB; CPU-time ratio %s)\n' "$run" "export speed-up (ogr/ours)" "$(ratio "$eogr_s" "$eours_s")" "$(ratio "$eogr_cpu" "$eours_cpu")"
  echo "     load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
[ -n "${KEEP:-}" ] || rm -f "$WORK"/ogr.gpkg "$WORK"/ours.geojson "$WORK"/ogr.geojson
[ -n "${KEEP:-}" ] || [ -n "${STORE:-}" ] || rm -f "$WORK"/store.gpkg*
