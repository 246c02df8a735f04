using BenchmarkDotNet.Attributes;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Bench;

/// <summary>
/// Geodesic distance, nearest point and side of points in the Syunik box to each shipped reference line
/// (GeodesicPolyline: Karney edges, R-tree with conservative lower bounds). Per-point cost over 10,000 fixed points.
/// </summary>
[MemoryDiagnoser]
public class PointToBorderBenchmarks
{
    private const int Points = 10_000;
    private GeoPosition[] _points = [];
    private GeodesicPolyline _osm = null!;
    private GeodesicPolyline _ne = null!;

    /// <summary>Builds the indexes and the points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _osm = GeodesicPolyline.FromGeometry(BorderData.ReferenceLine("osm-2020"));
        _ne = GeodesicPolyline.FromGeometry(BorderData.ReferenceLine("ne-10m"));
        var v = BorderData.SyunikPoints(Points, 20211512);
        _points = Enumerable.Range(0, Points).Select(i => GeoPosition.FromLatLon(v[2 * i], v[(2 * i) + 1])).ToArray();
    }

    /// <summary>Nearest point and signed distance to osm-2020 (2,115 edges).</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double NearestOsm2020() => SumOfSignedDistancesMeters(_osm);

    /// <summary>Nearest point and signed distance to ne-10m (262 edges).</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double NearestNe10m() => SumOfSignedDistancesMeters(_ne);

    /// <summary>The sum, in metres, of the signed distances of the batch's points to a border (kept so the work is not elided).</summary>
    private double SumOfSignedDistancesMeters(GeodesicPolyline border)
    {
        var sum = 0.0;
        foreach (var p in _points)
        {
            sum += border.Nearest(p).SignedDistance.Meters;
        }

        return sum;
    }
}
