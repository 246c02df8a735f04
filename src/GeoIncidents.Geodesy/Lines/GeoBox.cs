using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Geodesy.Lines;

/// <summary>
/// A latitude/longitude box that contains a set of points on the ellipsoid (a geodesic piece or a node of the
/// index), with its latitudes also kept as reduced latitudes β (tan β = (1 − f) tan φ), which is what the lower
/// bound in <see cref="LowerBound"/> works with.
/// </summary>
/// <remarks>Longitudes are unrolled: <see cref="MinLon"/> ≤ <see cref="MaxLon"/> may extend beyond ±180; a box
/// whose longitude span is 360° or more covers every longitude.</remarks>
internal readonly struct GeoBox
{
    public GeoBox(double minLat, double maxLat, double minLon, double maxLon, double oneMinusF)
    {
        MinLat = minLat;
        MaxLat = maxLat;
        MinLon = minLon;
        MaxLon = maxLon;
        MinBeta = ReducedLatitude(minLat, oneMinusF);
        MaxBeta = ReducedLatitude(maxLat, oneMinusF);
        (SinMinBeta, CosMinBeta) = Math.SinCos(MinBeta);
        (SinMaxBeta, CosMaxBeta) = Math.SinCos(MaxBeta);
        MidLon = (minLon + maxLon) * 0.5;
        HalfWidth = (maxLon - minLon) * 0.5;
        GeodesicMath.SinCosDegrees(minLon, out var sMin, out var cMin);
        GeodesicMath.SinCosDegrees(maxLon, out var sMax, out var cMax);
        (SinMinLon, CosMinLon, SinMaxLon, CosMaxLon) = (sMin, cMin, sMax, cMax);
    }

    /// <summary>Geodetic latitude bounds, degrees.</summary>
    public double MinLat { get; }

    /// <summary>Geodetic latitude bounds, degrees.</summary>
    public double MaxLat { get; }

    /// <summary>Unrolled longitude bounds, degrees.</summary>
    public double MinLon { get; }

    /// <summary>Unrolled longitude bounds, degrees.</summary>
    public double MaxLon { get; }

    /// <summary>Reduced latitude bounds, radians, with their sines and cosines.</summary>
    public double MinBeta { get; }

    /// <summary>Reduced latitude bounds, radians.</summary>
    public double MaxBeta { get; }

    /// <summary>The middle of the longitude range and half its width, degrees.</summary>
    public double MidLon { get; }

    /// <summary>Half the longitude width, degrees (≥ 180 covers every longitude).</summary>
    public double HalfWidth { get; }

    /// <summary>Sines and cosines of the longitude bounds.</summary>
    public double SinMinLon { get; }

    public double CosMinLon { get; }

    public double SinMaxLon { get; }

    public double CosMaxLon { get; }

    public double SinMinBeta { get; }

    public double CosMinBeta { get; }

    public double SinMaxBeta { get; }

    public double CosMaxBeta { get; }

    public GeoBox Union(in GeoBox other, double oneMinusF) => new(
        Math.Min(MinLat, other.MinLat), Math.Max(MaxLat, other.MaxLat),
        Math.Min(MinLon, other.MinLon), Math.Max(MaxLon, other.MaxLon), oneMinusF);

    /// <summary>Whether two boxes overlap (longitudes compared modulo 360).</summary>
    public bool Intersects(in GeoBox other)
    {
        if (MinLat > other.MaxLat || other.MinLat > MaxLat)
        {
            return false;
        }

        var w1 = MaxLon - MinLon;
        var w2 = other.MaxLon - other.MinLon;
        if (w1 + w2 >= 360.0)
        {
            return true;
        }

        // Centre distance modulo 360 against the sum of half-widths.
        var d = Math.Abs(Math.IEEERemainder(((MinLon + MaxLon) - (other.MinLon + other.MaxLon)) * 0.5, 360.0));
        return d <= (w1 + w2) * 0.5;
    }

    /// <summary>tan β = (1 − f) tan φ, radians; exact at the poles and the equator.</summary>
    public static double ReducedLatitude(double latDegrees, double oneMinusF)
    {
        GeodesicMath.SinCosDegrees(latDegrees, out var s, out var c);
        return Math.Atan2(oneMinusF * s, c);
    }
}
