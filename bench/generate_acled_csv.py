#!/usr/bin/env python3
"""Writes N synthetic ACLED-style rows (CSV, ACLED's column names and order) deterministically.

Synthetic: every value is generated here (no ACLED data is copied). Positions lie around the
Armenia-Azerbaijan border (lon 44.6-46.8, lat 38.9-41.2), admin1 names are the shipped Natural Earth
provinces of the country the row names, dates run from 2020-11-10 to 2024-12-31 (about 10 % in ACLED's
"12 May 2021" form), notes contain commas, quotes and non-ASCII text so the CSV needs RFC 4180 quoting.

Usage: generate_acled_csv.py ROWS OUT.csv [SEED]
"""
import csv, datetime, random, sys

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
    "Azerbaijan": (31, "AZE", ["Lachin", "Kalbajar", "Qazax", "Tovuz", "Zangilan", "Qubadli"], "Military Forces of Azerbaijan (2003-)"),
}
PLACES = ["Sotk", "Jermuk", "Goris", "Kapan", "Tegh", "Nerkin Hand", "Ishkhanasar", "Verin Shorzha", "Kut", "Yeraskh", "Berdavan", "Aygepar"]
SOURCES = ["Ministry of Defence of Armenia", "Ministry of Defence of Azerbaijan", "Azatutyun", "APA", "Armenpress", "Trend News Agency"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def main(rows, out, seed):
    rnd = random.Random(seed)
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
            place = rnd.choice(PLACES)
            lat = round(38.9 + rnd.random() * 2.3, 4)
            lon = round(44.6 + rnd.random() * 2.2, 4)
            dyadic = event_type in ("Battles", "Explosions/Remote violence")
            actor2 = other if dyadic else ""
            inter2 = "1" if dyadic else ""
            src = "; ".join(sorted(rnd.sample(SOURCES, rnd.randint(1, 2))))
            fatalities = rnd.choice([0, 0, 0, 0, 1, 2, 3])
            notes = (f"On {day.isoformat()}, {army} and {actor2 or 'civilians'} reportedly exchanged fire near {place}, "
                     f"\"{rnd.choice(['small arms', 'mortars', 'drones'])}\" used; {fatalities} fatalities reported (Սոթք / Sotk).")
            w.writerow([f"{prefix}{i + 1}", date, day.year, tp, disorder, event_type, sub,
                        army, "", "1", actor2, "", inter2, "11" if dyadic else "10", "",
                        iso, "Caucasus and Central Asia", country, rnd.choice(admins), "", "", place,
                        f"{lat:.4f}", f"{lon:.4f}", rnd.choices([1, 2, 3], [0.7, 0.25, 0.05])[0],
                        src, rnd.choice(["National", "National-International", "Local partner-National"]), notes,
                        fatalities, "", 1700000000 + i])


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20201110)
