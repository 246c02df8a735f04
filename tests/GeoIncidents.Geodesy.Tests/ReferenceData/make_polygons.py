#!/usr/bin/env python3
"""Writes planimeter-polygons.geojson: the polygons whose geodesic areas are checked against GeographicLib's
Planimeter (see README.md). Syunik (AM-SU) is copied from data/regions/provinces.geojson; the others are built here.
Coordinates are [lon, lat] (RFC 7946); each ring is closed."""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
provinces = json.load(open(os.path.join(here, '..', '..', '..', 'data', 'regions', 'provinces.geojson')))
syunik = next(f for f in provinces['features'] if f['properties'].get('iso_3166_2') == 'AM-SU')


def ring(points):
    return [list(p) for p in points] + [list(points[0])]


features = [
    ("syunik", "AM-SU from data/regions/provinces.geojson (Natural Earth 1:10m)", syunik['geometry']),
    ("square-with-hole", "1 x 0.9 degree box around Goris, counter-clockwise, with a clockwise hole",
     {"type": "Polygon", "coordinates": [
         ring([(45.8, 39.0), (46.8, 39.0), (46.8, 39.9), (45.8, 39.9)]),
         ring([(46.2, 39.4), (46.2, 39.6), (46.4, 39.6), (46.4, 39.4)])]}),
    ("north-pole-ring", "latitude 80 every 30 degrees eastward: encircles the north pole",
     {"type": "Polygon", "coordinates": [ring([(lon, 80.0) for lon in range(-180, 180, 30)])]}),
    ("south-pole-ring", "latitude -75 every 40 degrees westward: encircles the south pole, counter-clockwise about its cap",
     {"type": "Polygon", "coordinates": [ring([(lon, -75.0) for lon in range(180, -180, -40)])]}),
    ("antimeridian", "box across the antimeridian near Fiji, 177E to 178W",
     {"type": "Polygon", "coordinates": [ring([(177.0, -20.0), (-178.0, -20.0), (-178.0, -15.0), (177.0, -15.0)])]}),
    ("antimeridian-540", "the same box with longitudes written continuously past 180",
     {"type": "Polygon", "coordinates": [ring([(177.0, -20.0), (182.0, -20.0), (182.0, -15.0), (177.0, -15.0)])]}),
    ("clockwise-triangle", "a clockwise triangle in the Caucasus (negative signed area)",
     {"type": "Polygon", "coordinates": [ring([(44.5, 40.1), (46.0, 40.6), (45.2, 39.3)])]}),
    ("pole-vertex", "equator 0E-90E and a vertex at the north pole: one eighth of the ellipsoid",
     {"type": "Polygon", "coordinates": [ring([(0.0, 0.0), (90.0, 0.0), (0.0, 90.0)])]}),
    ("large", "a quadrilateral spanning 120 degrees of longitude",
     {"type": "Polygon", "coordinates": [ring([(-60.0, -40.0), (60.0, -35.0), (55.0, 50.0), (-50.0, 45.0)])]}),
]

out = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": name, "properties": {"name": name, "description": desc}, "geometry": geom}
    for name, desc, geom in features]}
with open(os.path.join(here, 'planimeter-polygons.geojson'), 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')

# Planimeter input: one block per ring, "lat lon" per line, blank line between rings; and an index of the rings.
with open(os.path.join(here, 'planimeter-rings.tmp'), 'w') as f, open(os.path.join(here, 'planimeter-index.tmp'), 'w') as idx:
    for name, _, geom in features:
        polys = geom['coordinates'] if geom['type'] == 'MultiPolygon' else [geom['coordinates']]
        for p, poly in enumerate(polys):
            for r, rg in enumerate(poly):
                idx.write(f"{name} {p} {r}\n")
                for lon, lat in rg:
                    f.write(f"{lat!r} {lon!r}\n")
                f.write("\n")
