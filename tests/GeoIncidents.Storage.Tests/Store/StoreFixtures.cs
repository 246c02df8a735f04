using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Tests.Store;

/// <summary>A clock the test moves by hand (time is injected, never read from the machine).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Records for the store tests.</summary>
internal static class StoreFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static readonly StoreActor Tester = StoreActor.CommandLine("tester");

    public static Point PointAt(double lon, double lat) => GeometryFactories.Wgs84.CreatePoint(new Coordinate(lon, lat));

    public static Incident Incident(string id, double? lon = 46.34, double? lat = 39.51, Occurrence? occurred = null, IncidentType type = IncidentType.Clash,
        string title = "Exchange of fire near Sotk", string? description = null, string? admin1 = null, IncidentStatus status = IncidentStatus.Reported) =>
        Core.Model.Incident.Create(
            id,
            title,
            type,
            occurred ?? Occurrence.OnDay(new DateOnly(2021, 5, 12)),
            status,
            lon is { } x && lat is { } y ? PointAt(x, y) : null,
            description: description,
            admin1: admin1,
            tags: ["test"],
            sources: [Source.Create("s1", "Ministry of Defence", "Statement", new Uri("https://example.org/s1"), new DateOnly(2021, 5, 12))]);

    public static Claim Claim(string id, string incidentId, string claimant = "am-mod", string asserted = "Azerbaijani forces advanced 3.5 km", Occurrence? occurred = null, Geometry? geometry = null) =>
        Core.Model.Claim.Create(id, incidentId, claimant, asserted, occurred, geometry: geometry);

    public static Party Party(string id) => Core.Model.Party.Create(id, "Party " + id, "AM");

    /// <summary>A rectangular region (a MultiPolygon of one box, exterior ring counter-clockwise as RFC 7946 writes it back).</summary>
    public static Region Box(string id, double west, double south, double east, double north)
    {
        var polygon = GeometryFactories.Wgs84.CreatePolygon([new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]);
        return Region.Create(id, RegionKind.Province, "Box " + id, "AM", GeometryFactories.Wgs84.CreateMultiPolygon([polygon]), "test", "CC0-1.0",
            PositionalAccuracy.Create(Geodesy.Units.Length.FromMeters(100), assumed: true));
    }

    /// <summary>A triangle region (not a rectangle: the exact test matters inside its envelope).</summary>
    public static Region Triangle(string id, double x0, double y0, double x1, double y1, double x2, double y2)
    {
        var ring = GeometryFactories.Wgs84.CreateLinearRing([new(x0, y0), new(x1, y1), new(x2, y2), new(x0, y0)]);
        var polygon = GeometryFactories.Wgs84.CreatePolygon(ring);
        return Region.Create(id, RegionKind.District, "Triangle " + id, "AZ", GeometryFactories.Wgs84.CreateMultiPolygon([polygon]), "test", "CC0-1.0",
            PositionalAccuracy.Create(Geodesy.Units.Length.FromMeters(100), assumed: true));
    }

    public static Place Place(string id, double lon, double lat) =>
        Core.Model.Place.Create(id, PlaceNames.Create("Place " + id), GeoPosition.FromLonLat(lon, lat), "AM", "test");

    /// <summary>Random incidents around the Armenia–Azerbaijan border with random occurrences and precisions; some unlocated.</summary>
    public static List<Incident> RandomIncidents(int count, int seed)
    {
        var random = new Random(seed);
        var types = Enum.GetValues<IncidentType>();
        var list = new List<Incident>(count);
        for (var i = 0; i < count; i++)
        {
            var located = random.NextDouble() > 0.08;
            var lon = 44.5 + (random.NextDouble() * 2.5);
            var lat = 38.8 + (random.NextDouble() * 2.0);
            var day = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 1500));
            var occurred = random.Next(0, 10) switch
            {
                0 => Occurrence.InYear(day.Year),
                1 or 2 => Occurrence.InMonth(day.Year, day.Month),
                3 => Occurrence.Between(day, day.AddDays(random.Next(1, 40))),
                4 => Occurrence.At(new DateTimeOffset(day.Year, day.Month, day.Day, random.Next(0, 24), random.Next(0, 60), 0, TimeSpan.Zero)),
                _ => Occurrence.OnDay(day),
            };
            list.Add(Core.Model.Incident.Create(
                $"inc-{seed}-{i:D5}",
                $"Random incident {i}",
                types[random.Next(types.Length)],
                occurred,
                geometry: located ? PointAt(lon, lat) : null,
                admin1: random.Next(0, 20) == 0 ? "TRI" : null));
        }

        return list;
    }

    public static async IAsyncEnumerable<RecordWrite> AsWrites(IEnumerable<RecordWrite> writes)
    {
        foreach (var w in writes)
        {
            yield return w;
        }

        await Task.CompletedTask;
    }
}
