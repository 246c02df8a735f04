#!/usr/bin/env python3
"""Build data/reference-lines/*/ from ../shared/data border files (stdlib only, deterministic).

Each shipped reference line becomes ONE feature (a MultiLineString) whose every part is oriented so
that its `left_country` (Armenia, AM) lies on the left when walking along the part (DESIGN.md, data
model). Vertices are kept exactly as in the source; only the order of parts' vertices may be reversed.

Orientation test:
* open parts (main, Nakhchivan): majority vote over all segments of a point 10 km to the left of each
  segment midpoint, tested against Natural Earth's Armenia polygon (countries.geojson); 10 km is far
  beyond both lines' error (max 4.3 km), so the vote is unambiguous (the script fails if under 80 %);
* rings (exclaves): Armenia is inside an Armenian exclave ring (counter-clockwise => inside on the left)
  and outside an Azerbaijani one (clockwise).

Usage: python3 data/tools/build_reference_lines.py SHARED_DATA_DIR OUT_DATA_DIR
"""
import json, math, sys

def ring_signed_area(ring):
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))

def point_in_ring(x, y, ring):
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside

def point_in_multipolygon(x, y, mp):
    for poly in mp:
        if point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:]):
            return True
    return False

def left_share(coords, mp, offset_m=10000.0):
    hits = total = 0
    for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        k = math.cos(math.radians(my))
        dx, dy = (x1 - x0) * k, (y1 - y0)          # local east/north, in degrees of latitude
        n = math.hypot(dx, dy)
        if n == 0:
            continue
        lx, ly = -dy / n, dx / n                   # unit normal to the left
        deg = offset_m / 111320.0
        px, py = mx + lx * deg / k, my + ly * deg
        total += 1
        hits += point_in_multipolygon(px, py, mp)
    return hits / total

def main(shared, out):
    countries = json.load(open(f"{shared}/countries.geojson", encoding="utf-8"))
    arm = next(f for f in countries["features"] if f["properties"]["iso_a3"] == "ARM")["geometry"]["coordinates"]
    specs = [
        ("ne-10m", f"{shared}/border.geojson", f"{out}/reference-lines/ne-10m/ne-10m.geojson", {
            "name": "Armenia–Azerbaijan border, Natural Earth 1:10m v5.1.2 (shared edges)",
            "source": "Natural Earth 1:10m Admin 0 - Countries v5.1.2, shared edges of the ARM and AZE polygons (derivation in data/SOURCES.md)",
            "licence": "Public domain (Natural Earth)",
            "attribution": "Made with Natural Earth",
            "accuracy_median_m": 900.0, "accuracy_p95_m": 2900.0, "accuracy_max_m": 4300.0, "accuracy_assumed": False,
            "accuracy_note": "Measured against the OSM 2020 line, sampled every 100 m: main line median 0.88 km, p95 2.9 km, max 4.2 km; Nakhchivan line median 1.99 km, p95 3.5 km, max 4.3 km. Not fit for measuring incursion depths.",
            "valid_from": None, "valid_to": None, "as_of": "2022-05 (Natural Earth v5.1.2 release)",
        }),
        ("osm-2020", f"{shared}/optional-odbl/border_osm_2020.geojson", f"{out}/reference-lines/osm-2020/osm-2020.geojson", {
            "name": "Armenia–Azerbaijan border, OpenStreetMap export of about April 2020 (shared edges)",
            "source": "OpenStreetMap relations 364066 (Armenia) and 364110 (Azerbaijan), admin_level=2, export of about April 2020 (simplified, median vertex spacing 343 m)",
            "licence": "ODbL-1.0",
            "attribution": "© OpenStreetMap contributors",
            "accuracy_median_m": None, "accuracy_p95_m": 500.0, "accuracy_max_m": None, "accuracy_assumed": True,
            "accuracy_note": "Not assessed against the legal line; 500 m p95 is an assumption (simplified export of a largely undemarcated border compiled by volunteers).",
            "valid_from": None, "valid_to": None, "as_of": "2020-04-14 (export date)",
        }),
    ]
    for line_id, src, dst, meta in specs:
        fc = json.load(open(src, encoding="utf-8"))
        parts, part_info = [], []
        for f in fc["features"]:
            p, coords = f["properties"], f["geometry"]["coordinates"]
            if p["kind"] == "exclave":
                ccw = ring_signed_area(coords) > 0
                want_ccw = p["exclave_of"] == "ARM"
                reversed_ = ccw != want_ccw
            else:
                share = left_share(coords, arm)
                if 0.2 < share < 0.8:
                    sys.exit(f"{line_id} {p['kind']}: ambiguous orientation ({share:.2f} of left probes in Armenia)")
                reversed_ = share < 0.5
            if reversed_:
                coords = coords[::-1]
            parts.append(coords)
            part_info.append({"part": len(parts) - 1, "kind": p["kind"], "segment": p["segment"],
                              "exclave_of": {"ARM": "AM", "AZE": "AZ"}.get(p["exclave_of"]),
                              "length_km_spherical": p["length_km"], "reversed_from_source": reversed_})
        props = {"id": line_id, **meta, "left_country": "AM", "right_country": "AZ", "parts": part_info}
        doc = {"type": "FeatureCollection", "name": line_id}
        if "license" in fc:
            doc["license"] = fc["license"]
            doc["attribution"] = fc["attribution"]
        doc["features"] = [{"type": "Feature", "id": line_id, "properties": props,
                            "geometry": {"type": "MultiLineString", "coordinates": parts}}]
        with open(dst, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(line_id, [(i["kind"], i["reversed_from_source"]) for i in part_info])

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
