using BenchmarkDotNet.Attributes;
using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Bench;

/// <summary>
/// Inverse and direct problems on WGS84 through the raw double API, over fixed random batches (global, and short lines
/// in the Caucasus box). One operation = one problem (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class GeodesicBenchmarks
{
    private const int Batch = 4096;
    private readonly Geodesic _geodesic = Geodesic.Wgs84;
    private double[] _global = [];
    private double[] _short = [];
    private double[] _direct = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240614);
        double Lat() => Math.Asin((random.NextDouble() * 2) - 1) * 180 / Math.PI;
        double Lon() => (random.NextDouble() * 360) - 180;
        _global = new double[Batch * 4];
        _short = new double[Batch * 4];
        _direct = new double[Batch * 4];
        for (var i = 0; i < Batch; i++)
        {
            _global[(4 * i) + 0] = Lat();
            _global[(4 * i) + 1] = Lon();
            _global[(4 * i) + 2] = Lat();
            _global[(4 * i) + 3] = Lon();
            var lat = 38 + (4 * random.NextDouble());
            var lon = 43 + (7.5 * random.NextDouble());
            _short[(4 * i) + 0] = lat;
            _short[(4 * i) + 1] = lon;
            _short[(4 * i) + 2] = lat + ((random.NextDouble() - 0.5) * 0.6);
            _short[(4 * i) + 3] = lon + ((random.NextDouble() - 0.5) * 0.8);
            _direct[(4 * i) + 0] = Lat();
            _direct[(4 * i) + 1] = Lon();
            _direct[(4 * i) + 2] = (random.NextDouble() * 360) - 180;
            _direct[(4 * i) + 3] = random.NextDouble() * 2e7;
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double InverseGlobal() => RunInverse(_global);

    [Benchmark(OperationsPerInvoke = Batch)]
    public double InverseShort() => RunInverse(_short);

    [Benchmark(OperationsPerInvoke = Batch)]
    public double DirectGlobal()
    {
        var v = _direct;
        var sum = 0.0;
        for (var i = 0; i < v.Length; i += 4)
        {
            _geodesic.DirectDegrees(v[i], v[i + 1], v[i + 2], v[i + 3], out var lat2, out var lon2, out var azi2);
            sum += lat2 + lon2 + azi2;
        }

        return sum;
    }

    private double RunInverse(double[] v)
    {
        var sum = 0.0;
        for (var i = 0; i < v.Length; i += 4)
        {
            _geodesic.InverseDegrees(v[i], v[i + 1], v[i + 2], v[i + 3], out var s12, out var azi1, out var azi2);
            sum += s12 + azi1 + azi2;
        }

        return sum;
    }
}
