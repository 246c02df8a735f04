#!/usr/bin/env bash
# Geodesic throughput, side by side, on the SAME input files (N = 1,000,000 problems by default):
#   batch commands: GeographicLib's GeodSolve, PROJ's geod, and `geoincidents geod` (published Release build);
#   in process:     Karney's C library (geod_inverse/geod_direct from Debian's libproj-dev, bench/karney-c) and our
#                   library (GeoIncidents.Bench throughput mode), both timing the file's problems loaded in memory.
# Every measurement is repeated (interleaved, so load from other processes spreads over all tools) and reported as
# best / median / worst, with the ratios of medians and of bests.
#
# Usage: bench/compare-geod.sh [repeats]      (environment: N=problems, default 1000000; repeats default 5)
# Installs what it lacks with apt-get (proj-bin, libproj-dev, geographiclib-tools, gcc); needs python3 and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-5}
N=${N:-1000000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_CERT_REVOCATION_MODE=offline MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false

# 1) tools
missing=""
for p in proj-bin libproj-dev geographiclib-tools gcc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

WORK=$(mktemp -d -t compare-geod.XXXX)
trap 'rm -rf "$WORK"' EXIT

# 2) the same inputs for everyone: uniform points on the sphere, seed fixed; direct distances up to 20,000 km
python3 - "$N" "$WORK" <<'EOF'
import math, random, sys
n, work = int(sys.argv[1]), sys.argv[2]
r = random.Random(20240615)
lat = lambda: math.degrees(math.asin(r.uniform(-1, 1)))
with open(f"{work}/inverse.txt", "w") as f:
    for _ in range(n):
        f.write("%.10f %.10f %.10f %.10f\n" % (lat(), r.uniform(-180, 180), lat(), r.uniform(-180, 180)))
with open(f"{work}/direct.txt", "w") as f:
    for _ in range(n):
        f.write("%.10f %.10f %.10f %.3f\n" % (lat(), r.uniform(-180, 180), r.uniform(-180, 180), r.uniform(0, 2e7)))
EOF

# 3) builds
echo "building (dotnet publish, BenchmarkDotNet project, gcc -O2) ..." >&2
dotnet publish src/GeoIncidents.Cli -c Release -o "$WORK/cli" -v q >/dev/null
dotnet build bench/GeoIncidents.Bench -c Release -o "$WORK/bench" -v q >/dev/null
gcc -O2 -o "$WORK/geod_bench" bench/karney-c/geod_bench.c -lproj -lm

# 4) measurements: "<kind> <tool> <problem> <problems per second>" lines in $WORK/results
rate() { # N / elapsed seconds of the command
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f\n", n / (e - s) }'
}
inproc() { sed -E 's/.*: ([0-9]+) \/s.*/\1/'; }

for problem in inverse direct; do
  in="$WORK/$problem.txt"
  if [ "$problem" = inverse ]; then gs="-i"; pj="-I"; else gs=""; pj=""; fi
  for r in $(seq "$REPEATS"); do
    echo "batch GeodSolve $problem $(rate sh -c "GeodSolve $gs -p 9 < '$in' > '$WORK/out.gs'")" >> "$WORK/results"
    echo "batch proj-geod $problem $(rate sh -c "geod +ellps=WGS84 $pj -f %.15f -F %.9f < '$in' > '$WORK/out.proj'")" >> "$WORK/results"
    echo "batch geoincidents $problem $(rate "$WORK/cli/geoincidents" geod "$problem" --input "$in" --output "$WORK/out.ours")" >> "$WORK/results"
    echo "inproc karney-c $problem $("$WORK/geod_bench" "$problem" "$in" 1 | inproc)" >> "$WORK/results"
    echo "inproc geoincidents $problem $(dotnet "$WORK/bench/GeoIncidents.Bench.dll" throughput "$problem" "$in" 1 | inproc)" >> "$WORK/results"
  done
done

# Sanity: the three batch tools agree on the last file (direct) to 1e-6 degrees on every line.
python3 - "$WORK" <<'EOF'
import sys
work = sys.argv[1]
def rows(p): return [list(map(float, l.split())) for l in open(p)]
ours, gs = rows(f"{work}/out.ours"), rows(f"{work}/out.gs")
bad = sum(1 for a, b in zip(ours, gs) if abs(a[0] - b[0]) > 1e-6 or abs((a[1] - b[1] + 180) % 360 - 180) > 1e-6)
print(f"check: {len(ours)} direct answers, {bad} differ from GeodSolve by more than 1e-6 degrees", file=sys.stderr)
EOF

# 5) report
python3 - "$WORK/results" "$REPEATS" "$N" "$(nproc)" "$(uptime)" <<'EOF'
import statistics, sys
from collections import defaultdict
path, repeats, n, cores, up = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
data = defaultdict(list)
for line in open(path):
    kind, tool, problem, rate = line.split()
    data[(kind, tool, problem)].append(float(rate))
def s(k):
    v = sorted(data[k])
    return v[-1], statistics.median(v), v[0]
print(f"# {n} problems per file, {repeats} repeats (interleaved); {cores} cores; {up.strip()}")
print(f"{'':7} {'tool':13} {'problem':8} {'best/s':>10} {'median/s':>10} {'worst/s':>10}")
for k in sorted(data):
    b, m, w = s(k)
    print(f"{k[0]:7} {k[1]:13} {k[2]:8} {b:10.0f} {m:10.0f} {w:10.0f}")
print("ratios (median, best):")
for problem in ("inverse", "direct"):
    ours = s(("batch", "geoincidents", problem))
    for peer in ("proj-geod", "GeodSolve"):
        p = s(("batch", peer, problem))
        print(f"  batch  {problem:8} geoincidents / {peer:10} {ours[1] / p[1]:5.2f}x  {ours[0] / p[0]:5.2f}x")
    o, c = s(("inproc", "geoincidents", problem)), s(("inproc", "karney-c", problem))
    print(f"  inproc {problem:8} geoincidents / karney-c   {o[1] / c[1]:5.2f}x  {o[0] / c[0]:5.2f}x")
EOF
