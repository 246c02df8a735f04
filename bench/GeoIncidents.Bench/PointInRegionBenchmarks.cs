using BenchmarkDotNet.Attributes;
using GeoIncidents.Bench.Store;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Spatial;

namespace GeoIncidents.Bench;

/// <summary>
/// <see cref="PointInAreaIndex"/> on the shipped first-level units and on the 80 synthetic polygons of 2,000 vertices,
/// assigning a fixed batch of 65,536 random points of the Caucasus box (one operation = one point).
/// </summary>
[MemoryDiagnoser]
public class PointInRegionBenchmarks
{
    private const int Batch = 65_536;
    private double[] _lon = [];
    private double[] _lat = [];
    private int[] _out = [];
    private PointInAreaIndex _units = null!;
    private PointInAreaIndex _synthetic = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchData.Generate(Batch);
        _lon = data.Longitudes;
        _lat = data.Latitudes;
        _out = new int[Batch];
        _units = PointInRegionIndex.FirstLevel(SeedData.Load().Regions).Areas;
        _synthetic = new PointInAreaIndex([.. BenchData.SyntheticPolygons()]);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int AssignFirstLevelUnits()
    {
        _units.Assign(_lon, _lat, _out);
        return _out[^1];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int AssignSynthetic()
    {
        _synthetic.Assign(_lon, _lat, _out);
        return _out[^1];
    }
}
