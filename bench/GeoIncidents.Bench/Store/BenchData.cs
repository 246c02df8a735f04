using System.Globalization;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Bench.Store;

/// <summary>
/// The benchmark's data, the same on every run (fixed seeds): incidents uniform in the Caucasus box (the extent of
/// Armenia and Azerbaijan, lon 43.4..50.7, lat 38.4..41.9) with a day between 2020-11-10 and 2026-11-09 and a type,
/// and 80 synthetic polygons of 2,000 vertices each (wavy stars on a 10 x 8 grid over the same box, none touching).
/// </summary>
internal sealed class BenchData
{
    public const double West = 43.4;
    public const double East = 50.7;
    public const double South = 38.4;
    public const double North = 41.9;

    private static readonly DateOnly FirstDay = new(2020, 11, 10);
    private static readonly IncidentType[] Types = Enum.GetValues<IncidentType>();

    private BenchData(double[] longitudes, double[] latitudes, int[] days, byte[] types)
    {
        Longitudes = longitudes;
        Latitudes = latitudes;
        Days = days;
        TypeIndex = types;
    }

    public int Count => Longitudes.Length;

    public double[] Longitudes { get; }

    public double[] Latitudes { get; }

    /// <summary>Days after 2020-11-10, 0..2190.</summary>
    public int[] Days { get; }

    public byte[] TypeIndex { get; }

    public static BenchData Generate(int count)
    {
        var random = new Random(20261126);
        var lon = new double[count];
        var lat = new double[count];
        var days = new int[count];
        var types = new byte[count];
        for (var i = 0; i < count; i++)
        {
            lon[i] = West + (random.NextDouble() * (East - West));
            lat[i] = South + (random.NextDouble() * (North - South));
            days[i] = random.Next(0, 2191);
            types[i] = (byte)random.Next(Types.Length);
        }

        return new BenchData(lon, lat, days, types);
    }

    /// <summary>The stable id of incident i (ascending with i, so that fid order and id order agree).</summary>
    public static string IdOf(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-{i:D7}");

    public DateOnly DayOf(int i) => FirstDay.AddDays(Days[i]);

    /// <summary>Start of the incident's time window (UTC midnight of its day), as the store derives it.</summary>
    public DateTimeOffset TimeStartOf(int i) => new(DayOf(i).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public IncidentType TypeOf(int i) => Types[TypeIndex[i]];

    public Incident Incident(int i) => Core.Model.Incident.Create(
        IdOf(i),
        string.Create(CultureInfo.InvariantCulture, $"Benchmark incident {i}"),
        TypeOf(i),
        Occurrence.OnDay(DayOf(i)),
        geometry: GeometryFactories.Wgs84.CreatePoint(new Coordinate(Longitudes[i], Latitudes[i])));

    /// <summary>80 polygons of 2,000 vertices: wavy stars, one per cell of a 10 x 8 grid over the box, none touching.</summary>
    public static IReadOnlyList<Polygon> SyntheticPolygons()
    {
        var random = new Random(1);
        var polygons = new List<Polygon>();
        var (cellWidth, cellHeight) = ((East - West) / 10, (North - South) / 8);
        for (var k = 0; k < 80; k++)
        {
            var (cx, cy) = (West + (cellWidth * ((k % 10) + 0.5)), South + (cellHeight * ((k / 10) + 0.5)));
            var (p1, p2) = (random.NextDouble() * 2 * Math.PI, random.NextDouble() * 2 * Math.PI);
            var ring = new Coordinate[2001];
            for (var i = 0; i < 2000; i++)
            {
                var t = 2 * Math.PI * i / 2000;
                // Radius at most 0.42 of the cell (1.33 = the largest sum of the waves), jagged at the vertex scale.
                var r = 0.42 * (1 + (0.2 * Math.Sin((3 * t) + p1)) + (0.1 * Math.Sin((11 * t) + p2)) + (0.03 * (random.NextDouble() - 0.5))) / 1.33;
                ring[i] = new Coordinate(cx + (cellWidth * r * Math.Cos(t)), cy + (cellHeight * r * Math.Sin(t)));
            }

            ring[2000] = ring[0].Copy();
            polygons.Add(GeometryFactories.Wgs84.CreatePolygon(ring));
        }

        return polygons;
    }
}
