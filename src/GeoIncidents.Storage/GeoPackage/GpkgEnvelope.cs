using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// A 2D bounding box in the coordinates of a geometry's SRS (for EPSG:4326: X = longitude, Y = latitude, degrees),
/// as stored in a GeoPackage geometry header, an R-tree row or <c>gpkg_contents</c>. Always non-empty and ordered
/// (<see cref="MinX"/> &lt;= <see cref="MaxX"/>, <see cref="MinY"/> &lt;= <see cref="MaxY"/>); "no envelope" is
/// represented by a null <see cref="GpkgEnvelope"/>?.
/// </summary>
public readonly record struct GpkgEnvelope
{
    /// <summary>Creates an envelope; the order of the arguments is min X, min Y, max X, max Y (west, south, east, north).</summary>
    /// <param name="minX">Smallest X (west), finite.</param>
    /// <param name="minY">Smallest Y (south), finite.</param>
    /// <param name="maxX">Largest X (east), finite, &gt;= <paramref name="minX"/>.</param>
    /// <param name="maxY">Largest Y (north), finite, &gt;= <paramref name="minY"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite, or a minimum exceeds its maximum.</exception>
    public GpkgEnvelope(double minX, double minY, double maxX, double maxY)
    {
        if (!double.IsFinite(minX) || !double.IsFinite(minY) || !double.IsFinite(maxX) || !double.IsFinite(maxY))
        {
            throw new ArgumentOutOfRangeException(nameof(minX), $"envelope bounds must be finite, got ({minX}, {minY}, {maxX}, {maxY})");
        }

        if (minX > maxX || minY > maxY)
        {
            throw new ArgumentOutOfRangeException(nameof(minX), $"envelope minimum exceeds maximum: ({minX}, {minY}, {maxX}, {maxY})");
        }

        MinX = minX;
        MinY = minY;
        MaxX = maxX;
        MaxY = maxY;
    }

    /// <summary>Smallest X (for EPSG:4326 the west longitude, degrees).</summary>
    public double MinX { get; }

    /// <summary>Smallest Y (for EPSG:4326 the south latitude, degrees).</summary>
    public double MinY { get; }

    /// <summary>Largest X (for EPSG:4326 the east longitude, degrees).</summary>
    public double MaxX { get; }

    /// <summary>Largest Y (for EPSG:4326 the north latitude, degrees).</summary>
    public double MaxY { get; }

    /// <summary>The same box as an NTS <see cref="Envelope"/>.</summary>
    /// <returns>A new envelope.</returns>
    public Envelope ToEnvelope() => new(MinX, MaxX, MinY, MaxY);

    /// <summary>The box of a non-empty NTS envelope.</summary>
    /// <param name="envelope">A non-null, non-empty envelope with finite bounds.</param>
    /// <returns>The box.</returns>
    /// <exception cref="ArgumentException">The envelope is null (empty).</exception>
    public static GpkgEnvelope FromEnvelope(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.IsNull)
        {
            throw new ArgumentException("the envelope of an empty geometry has no bounds", nameof(envelope));
        }

        return new GpkgEnvelope(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
    }
}
