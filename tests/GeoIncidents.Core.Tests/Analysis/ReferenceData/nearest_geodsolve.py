#!/usr/bin/env python3
"""Nearest point of a reference line to a position, by minimising GeographicLib's geodesic distance.

Independent reference for GeoIncidents' Locate: every distance, position and azimuth below comes from
GeographicLib's GeodSolve (2.1.2, WGS84, Karney 2013); this script only searches. For each part of the line:
  1. GeodSolve -i gives each edge's length s12 and azimuth, and the distance from P to every vertex;
  2. an edge can hold the minimum only if its lower bound (d(P,a) + d(P,b) - s12) / 2 (triangle inequality
     along the geodesic) does not exceed the nearest vertex distance;
  3. on each candidate edge the distance d(P, X(s)) is minimised over s in [0, s12] by golden-section search
     (X(s) by GeodSolve's direct problem, d by its inverse), 90 iterations;
  4. the distance is flat at its minimum, so GeodSolve's 15 nm noise would leave the foot uncertain by
     sqrt(2 d 15 nm) (centimetres at 10 km): the foot is therefore refined by bisection on the sign of
     cos(azi_P - azi_line), the derivative of the distance along the edge (well conditioned: 1 mm moves the
     angle by 1e-3 / d rad), within 100 m of the golden-section minimum, 60 halvings.
Side: at the foot X, with azi_line the edge's forward azimuth there and azi_P the azimuth from X to P,
sin(azi_P - azi_line) < 0 puts P on the left. When the foot is a shared vertex of two edges, the sum of the
two edges' sines decides (the bisector rule). Positive signed distance = left (the line's left country).

Usage: nearest_geodsolve.py LINE.geojson LAT LON [LAT LON ...]
Output (one row per point): lat lon distance_m signed_m foot_lat foot_lon part edge s_along_edge_m
"""
import json
import math
import subprocess
import sys

GOLDEN = (math.sqrt(5) - 1) / 2
ITERATIONS = 90


def geod(args, rows):
    """Runs GeodSolve once on many rows; returns the output rows as lists of floats."""
    text = "".join(" ".join(repr(float(v)) for v in r) + "\n" for r in rows)
    out = subprocess.run(["GeodSolve", "-p", "12"] + args, input=text, capture_output=True, text=True, check=True).stdout
    return [[float(v) for v in line.split()] for line in out.splitlines()]


def inverse(pairs):
    """pairs: (lat1, lon1, lat2, lon2) -> (azi1, azi2, s12)."""
    return geod(["-i"], pairs) if pairs else []


def direct(rows):
    """rows: (lat1, lon1, azi1, s12) -> (lat2, lon2, azi2)."""
    return geod([], rows) if rows else []


def nearest(parts, points):
    edges = []  # (part, index, a(lat,lon), b(lat,lon))
    for p, coords in enumerate(parts):
        for i in range(1, len(coords)):
            a = (coords[i - 1][1], coords[i - 1][0])
            b = (coords[i][1], coords[i][0])
            if a != b:
                edges.append((p, i - 1, a, b))
    geo = inverse([(a[0], a[1], b[0], b[1]) for _, _, a, b in edges])  # azi1 azi2 s12
    results = []
    for (plat, plon) in points:
        dv = inverse([(a[0], a[1], plat, plon) for _, _, a, _ in edges] + [(b[0], b[1], plat, plon) for _, _, _, b in edges])
        n = len(edges)
        da = [r[2] for r in dv[:n]]
        db = [r[2] for r in dv[n:]]
        best_vertex = min(min(da), min(db))
        cand = [k for k in range(n) if (da[k] + db[k] - geo[k][2]) / 2 <= best_vertex + 1e-6]
        # golden-section on every candidate edge at once
        lo = [0.0] * len(cand)
        hi = [geo[k][2] for k in cand]

        def dist(svals):
            pos = direct([(edges[k][2][0], edges[k][2][1], geo[k][0], s) for k, s in zip(cand, svals)])
            inv = inverse([(q[0], q[1], plat, plon) for q in pos])
            return [r[2] for r in inv]

        x1 = [h - GOLDEN * (h - l) for l, h in zip(lo, hi)]
        x2 = [l + GOLDEN * (h - l) for l, h in zip(lo, hi)]
        f1, f2 = dist(x1), dist(x2)
        for _ in range(ITERATIONS):
            for j in range(len(cand)):
                if f1[j] < f2[j]:
                    hi[j], x2[j], f2[j] = x2[j], x1[j], f1[j]
                    x1[j] = hi[j] - GOLDEN * (hi[j] - lo[j])
                else:
                    lo[j], x1[j], f1[j] = x1[j], x2[j], f2[j]
                    x2[j] = lo[j] + GOLDEN * (hi[j] - lo[j])
            # only the moved probe needs a new value; recomputing both keeps the code simple and is exact
            f1, f2 = dist(x1), dist(x2)
        svals = [(l + h) / 2 for l, h in zip(lo, hi)]
        # refine the foot by bisection on the derivative's sign: cos(azi from X to P - edge azimuth at X) > 0 means
        # the distance still decreases beyond s
        blo = [max(0.0, s - 100.0) for s in svals]
        bhi = [min(geo[k][2], s + 100.0) for k, s in zip(cand, svals)]
        for _ in range(60):
            mid = [(l + h) / 2 for l, h in zip(blo, bhi)]
            pos = direct([(edges[k][2][0], edges[k][2][1], geo[k][0], s) for k, s in zip(cand, mid)])
            inv = inverse([(q[0], q[1], plat, plon) for q in pos])
            for j in range(len(cand)):
                ahead = math.cos(math.radians(inv[j][0] - pos[j][2])) > 0
                if ahead:
                    blo[j] = mid[j]
                else:
                    bhi[j] = mid[j]
        svals = [(l + h) / 2 for l, h in zip(blo, bhi)]
        # include the edge ends exactly (the searches converge to them only in the limit)
        best = None
        for j, k in enumerate(cand):
            for s in (0.0, geo[k][2], svals[j]):
                d = dist_one(edges[k], geo[k], s, plat, plon)
                if best is None or d[0] < best[0] - 1e-9:
                    best = (d[0], k, s, d[1], d[2], d[3])
        d, k, s, foot, azi_line, azi_p = best
        side = math.sin(math.radians(azi_p - azi_line))
        at_start, at_end = s <= 1e-6, s >= geo[k][2] - 1e-6
        # a foot on a shared vertex: add the other edge's sine (bisector rule)
        if at_end and k + 1 < n and edges[k + 1][0] == edges[k][0]:
            side += math.sin(math.radians(azi_p - geo[k + 1][0]))
        if at_start and k > 0 and edges[k - 1][0] == edges[k][0]:
            side += math.sin(math.radians(azi_p - geo[k - 1][1]))
        signed = d if side < 0 else -d
        results.append((plat, plon, d, signed, foot[0], foot[1], edges[k][0], edges[k][1], s))
    return results


def dist_one(edge, g, s, plat, plon):
    q = direct([(edge[2][0], edge[2][1], g[0], s)])[0]
    r = inverse([(q[0], q[1], plat, plon)])[0]
    return r[2], (q[0], q[1]), q[2], r[0]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        geometry = json.load(f)["features"][0]["geometry"]
    parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
    values = [float(v) for v in sys.argv[2:]]
    points = list(zip(values[0::2], values[1::2]))
    for row in nearest(parts, points):
        print("%.8f %.8f %.4f %.4f %.9f %.9f %d %d %.4f" % row)


if __name__ == "__main__":
    main()
