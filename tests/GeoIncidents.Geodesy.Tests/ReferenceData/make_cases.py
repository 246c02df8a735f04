#!/usr/bin/env python3
"""Writes the random inputs for the geodesic reference data (see README.md): one problem per line,
"category<TAB>GeodSolve input". Deterministic: random.Random(seed).
Usage: make_cases.py inverse|direct SEED [EVERY] (EVERY = k keeps every k-th case)."""
import math
import random
import sys

mode, seed = sys.argv[1], int(sys.argv[2])
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None  # keep every k-th case (smaller sets)
rng = random.Random(seed)


def fmt(x, decimals=10):
    """Fixed notation with at most `decimals` decimals (GeodSolve echoes 14 for angles, 9 for metres)."""
    s = f"{x:.{decimals}f}".rstrip('0').rstrip('.')
    return "0" if s in ("-0", "") else s


def lat_global():
    return math.degrees(math.asin(rng.uniform(-1, 1)))  # uniform on the sphere


def lon_any():
    return rng.uniform(-180, 180)


def logu(lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


out = []
if mode == "inverse":
    for _ in range(9000):
        out.append(("global", [lat_global(), lon_any(), lat_global(), lon_any()]))
    for i in range(4000):
        lat1, lon1 = rng.uniform(38, 42), rng.uniform(43, 50.5)
        if i % 4 == 0:   # very short: 10 um .. 100 m
            d = logu(1e-10, 1e-3)
            a = rng.uniform(0, 2 * math.pi)
            lat2, lon2 = lat1 + d * math.cos(a), lon1 + d * math.sin(a)
        else:            # up to ~47 km
            lat2, lon2 = lat1 + rng.uniform(-0.3, 0.3), lon1 + rng.uniform(-0.4, 0.4)
        out.append(("short", [lat1, lon1, lat2, lon2]))
    for i in range(3000):
        lat1, lon1 = lat_global(), lon_any()
        if i % 10 == 0:
            lat1 = 0.0 if i % 20 == 0 else lat1  # some on the equator
        if i % 15 == 0:   # exact antipodes
            d1 = d2 = 0.0
        else:
            sc = logu(1e-12, 1.0)
            d1, d2 = rng.uniform(-1, 1) * sc, rng.uniform(-1, 1) * sc
        if lat1 == 0.0 and i % 3 == 0:
            d1 = 0.0     # both on the equator, nearly antipodal
        lat2 = max(-90.0, min(90.0, -lat1 + d1))
        out.append(("antipodal", [lat1, lon1, lat2, lon1 + 180 + d2]))
    for i in range(1500):
        lon1 = lon_any()
        lon12 = rng.uniform(-180, 180) if i % 3 else rng.choice([1, -1]) * rng.uniform(179.0, 180.0)
        lat1 = lat2 = 0.0
        if i % 10 == 9:
            lat1, lat2 = rng.choice([1, -1]) * logu(1e-12, 1e-6), rng.choice([1, -1]) * logu(1e-12, 1e-6)
        out.append(("equatorial", [lat1, lon1, lat2, lon1 + lon12]))
    for i in range(1500):
        lon1 = lon_any()
        lon2 = lon1 if i % 2 else lon1 + rng.choice([180, -180])
        out.append(("meridional", [lat_global(), lon1, lat_global(), lon2]))
    for i in range(1500):
        pole = rng.choice([90.0, -90.0])
        k = i % 5
        if k == 0:
            row = [pole, lon_any(), lat_global(), lon_any()]
        elif k == 1:
            row = [lat_global(), lon_any(), pole, lon_any()]
        elif k == 2:
            row = [pole, lon_any(), rng.choice([90.0, -90.0]), lon_any()]
        elif k == 3:
            row = [math.copysign(90 - logu(1e-10, 1e-2), pole), lon_any(), lat_global(), lon_any()]
        else:
            row = [math.copysign(90 - logu(1e-10, 1e-2), pole), lon_any(), math.copysign(90 - logu(1e-10, 1e-2), -pole if i % 2 else pole), lon_any()]
        out.append(("polar", row))
    for i in range(500):
        lat, lon = (lat_global(), lon_any()) if i % 5 else (rng.choice([90.0, -90.0, 0.0]), lon_any())
        out.append(("coincident", [lat, lon, lat, lon]))
    for i, (cat, (a, b, c, d)) in enumerate(out):
        if limit is None or i % limit == 0:
            print(f"{cat}\t{fmt(a)} {fmt(b)} {fmt(c)} {fmt(d)}")
elif mode == "direct":
    quarter = 10001965.729
    for i in range(9000):
        s = rng.uniform(0, 2 * quarter)
        if i % 10 == 0:
            s = -s                          # backwards
        elif i % 10 == 1:
            s = rng.uniform(2 * quarter, 9 * quarter)  # past the antipode, several wraps
        out.append(("global", [lat_global(), lon_any(), rng.uniform(-180, 180), s]))
    for i in range(4000):
        s = logu(1e-3, 5e4) * (1 if i % 7 else -1)
        out.append(("short", [rng.uniform(38, 42), rng.uniform(43, 50.5), rng.uniform(-180, 180), s]))
    for i in range(3000):
        s = 2 * quarter + rng.uniform(-1, 1) * logu(1e-3, 1e5)
        out.append(("antipodal", [lat_global(), lon_any(), rng.uniform(-180, 180), s]))
    for i in range(1500):
        azi = rng.choice([90.0, -90.0]) if i % 2 else rng.uniform(-180, 180)
        out.append(("equatorial", [0.0, lon_any(), azi, rng.uniform(-4 * quarter, 4 * quarter)]))
    for i in range(1500):
        azi = rng.choice([0.0, 180.0, -180.0, 360.0])
        out.append(("meridional", [lat_global(), lon_any(), azi, rng.uniform(-4 * quarter, 4 * quarter)]))
    for i in range(1500):
        lat = rng.choice([90.0, -90.0]) if i % 3 else math.copysign(90 - logu(1e-10, 1e-2), rng.uniform(-1, 1))
        out.append(("polar", [lat, lon_any(), rng.uniform(-180, 180), rng.uniform(-2 * quarter, 2 * quarter)]))
    for i in range(500):
        lat = lat_global() if i % 5 else rng.choice([90.0, -90.0, 0.0])
        out.append(("coincident", [lat, lon_any(), rng.uniform(-180, 180), 0.0]))
    for i, (cat, (a, b, c, d)) in enumerate(out):
        if limit is None or i % limit == 0:
            print(f"{cat}\t{fmt(a)} {fmt(b)} {fmt(c)} {fmt(d, 6)}")
else:
    sys.exit("usage: make_cases.py inverse|direct SEED")
