#!/usr/bin/env python3
"""Writes N synthetic ACLED-style rows (CSV, ACLED's 2023 column names and order) deterministically.

Synthetic: every value is generated here; no ACLED data is copied. Like real ACLED data, events happen at a
finite set of named locations: 24 per first-level unit, each a random point inside the shipped Natural Earth
outline of the admin1 the rows name (data/regions/provinces.geojson), rounded to ACLED's 4 decimals. One row in
a thousand has latitude and longitude swapped (the importer flags it, it does not reject it). Dates run from
2020-11-10 to 2024-12-31, about 10 % in ACLED's older "12 May 2021" form; notes contain commas, quotes and
non-ASCII text so that the CSV needs RFC 4180 quoting. The same arguments always give the same bytes.

Usage: generate_acled_csv.py ROWS OUT.csv [SEED] [PROVINCES.geojson]
"""
import csv, datetime, json, os, random, sys

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
           "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
           "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
TYPES = [("Political violence", "Battles", "Armed clash", 0.45),
         ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack", 0.30),
         ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", 0.05),
         ("Political violence", "Violence against civilians", "Attack", 0.05),
         ("Strategic developments", "Strategic developments", "Arrests", 0.05),
         ("Strategic developments", "Strategic developments", "Agreement", 0.03),
         ("Demonstrations", "Protests", "Peaceful protest", 0.07)]
COUNTRIES = {
    "Armenia": (51, "ARM", ["Syunik", "Tavush", "Gegharkunik", "Vayots Dzor", "Ararat"], "Military Forces of Armenia (2018-)"),
    "Azerbaijan": (31, "AZE", ["Lachin", "Kalbajar", "Qazax", "Tovuz", "Zangilan", "Qubadli", "Gadabay"], "Military Forces of Azerbaijan (2003-)"),
}
SYLLABLES = ["ar", "ka", "shen", "dzor", "ber", "ta", "van", "li", "gor", "nak", "sot", "yer", "mar", "tegh", "kar", "ani"]
SOURCES = ["Ministry of Defence of Armenia", "Ministry of Defence of Azerbaijan", "Azatutyun", "APA", "Armenpress", "Trend News Agency"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
LOCATIONS_PER_UNIT = 24


def in_ring(x, y, ring):
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def in_multipolygon(x, y, polygons):
    return any(in_ring(x, y, p[0]) and not any(in_ring(x, y, h) for h in p[1:]) for p in polygons)


def locations(rnd, geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs = [c[0] for p in polygons for c in p[0]]
    ys = [c[1] for p in polygons for c in p[0]]
    found = []
    while len(found) < LOCATIONS_PER_UNIT:
        x, y = round(rnd.uniform(min(xs), max(xs)), 4), round(rnd.uniform(min(ys), max(ys)), 4)
        if in_multipolygon(x, y, polygons):
            name = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()
            found.append((name, x, y))
    return found


def main(rows, out, seed, provinces_path):
    rnd = random.Random(seed)
    provinces = {f["properties"]["name"]: f["geometry"] for f in json.load(open(provinces_path, encoding="utf-8"))["features"]}
    places = {}
    for country, (_, _, admins, _) in sorted(COUNTRIES.items()):
        for admin1 in admins:
            if admin1 not in provinces:
                sys.exit(f"admin1 {admin1!r} is not in {provinces_path}")
            places[admin1] = locations(rnd, provinces[admin1])
    start = datetime.date(2020, 11, 10)
    weights = [t[3] for t in TYPES]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(rows):
            country = "Armenia" if rnd.random() < 0.55 else "Azerbaijan"
            iso, prefix, admins, army = COUNTRIES[country]
            other = COUNTRIES["Azerbaijan" if country == "Armenia" else "Armenia"][3]
            disorder, event_type, sub, _ = rnd.choices(TYPES, weights)[0]
            day = start + datetime.timedelta(days=rnd.randrange(0, 1512))
            tp = rnd.choices([1, 2, 3], [0.85, 0.10, 0.05])[0]
            date = f"{day.day} {MONTHS[day.month - 1]} {day.year}" if rnd.random() < 0.1 else day.isoformat()
            admin1 = rnd.choice(admins)
            place, lon, lat = rnd.choice(places[admin1])
            if rnd.random() < 0.001:
                lat, lon = lon, lat
            dyadic = event_type in ("Battles", "Explosions/Remote violence")
            actor2 = other if dyadic else ""
            src = "; ".join(sorted(rnd.sample(SOURCES, rnd.randint(1, 2))))
            fatalities = rnd.choice([0, 0, 0, 0, 1, 2, 3])
            notes = (f"On {day.isoformat()}, {army} and {actor2 or 'civilians'} reportedly exchanged fire near {place}, "
                     f"\"{rnd.choice(['small arms', 'mortars', 'drones'])}\" used; {fatalities} fatalities reported (Սոթք / Sotk).")
            w.writerow([f"{prefix}{i + 1}", date, day.year, tp, disorder, event_type, sub,
                        army, "", "1", actor2, "", "1" if dyadic else "", "11" if dyadic else "10", "",
                        iso, "Caucasus and Central Asia", country, admin1, "", "", place,
                        f"{lat:.4f}", f"{lon:.4f}", rnd.choices([1, 2, 3], [0.7, 0.25, 0.05])[0],
                        src, rnd.choice(["National", "National-International", "Local partner-National"]), notes,
                        fatalities, "", 1700000000 + i])


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20201110,
         sys.argv[4] if len(sys.argv) > 4 else os.path.join(here, "..", "data", "regions", "provinces.geojson"))
