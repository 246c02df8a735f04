using System.Globalization;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// A query box in EPSG:4326 longitude/latitude degrees, in OGC API <c>bbox=W,S,E,N</c> order. Closed (a feature
/// touching an edge intersects it); it may have no width or height. Boxes crossing the antimeridian (west &gt; east)
/// are rejected. Intersection is planar in lon/lat, as OGC API bbox filters and PostGIS <c>geometry</c> predicates
/// evaluate it, so both stores agree: a filter, not a measurement.
/// </summary>
public sealed record BoundingBox
{
    private BoundingBox(double westDegrees, double southDegrees, double eastDegrees, double northDegrees)
    {
        WestDegrees = westDegrees;
        SouthDegrees = southDegrees;
        EastDegrees = eastDegrees;
        NorthDegrees = northDegrees;
    }

    /// <summary>Minimum longitude, degrees, in [-180, 180].</summary>
    public double WestDegrees { get; }

    /// <summary>Minimum latitude, degrees, in [-90, 90].</summary>
    public double SouthDegrees { get; }

    /// <summary>Maximum longitude, degrees, in [<see cref="WestDegrees"/>, 180].</summary>
    public double EastDegrees { get; }

    /// <summary>Maximum latitude, degrees, in [<see cref="SouthDegrees"/>, 90].</summary>
    public double NorthDegrees { get; }

    /// <summary>Creates a box from its edges.</summary>
    /// <param name="westDegrees">Minimum longitude, [-180, 180].</param>
    /// <param name="southDegrees">Minimum latitude, [-90, 90].</param>
    /// <param name="eastDegrees">Maximum longitude, [-180, 180], not less than west.</param>
    /// <param name="northDegrees">Maximum latitude, [-90, 90], not less than south.</param>
    /// <returns>The box.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite or out of range, west exceeds east (antimeridian crossing) or south exceeds north.</exception>
    public static BoundingBox FromWestSouthEastNorth(double westDegrees, double southDegrees, double eastDegrees, double northDegrees)
    {
        Check(westDegrees, 180, nameof(westDegrees), "longitude");
        Check(southDegrees, 90, nameof(southDegrees), "latitude");
        Check(eastDegrees, 180, nameof(eastDegrees), "longitude");
        Check(northDegrees, 90, nameof(northDegrees), "latitude");
        if (westDegrees > eastDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(westDegrees), westDegrees, $"bbox west {westDegrees} exceeds east {eastDegrees}: boxes crossing the antimeridian are not supported, split the box");
        }

        if (southDegrees > northDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(southDegrees), southDegrees, $"bbox south {southDegrees} exceeds north {northDegrees}");
        }

        return new BoundingBox(westDegrees, southDegrees, eastDegrees, northDegrees);
    }

    /// <summary>Parses OGC API text <c>W,S,E,N</c> (degrees, longitude first, invariant culture).</summary>
    /// <param name="text">The text.</param>
    /// <param name="box">The box when the method returns true.</param>
    /// <param name="error">Why the text is not a box, when it returns false.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string? text, out BoundingBox? box, out string? error)
    {
        box = null;
        error = null;
        var parts = (text ?? string.Empty).Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
        {
            error = $"bbox must be four numbers W,S,E,N in degrees (longitude first), got '{text}'";
            return false;
        }

        try
        {
            box = FromWestSouthEastNorth(values[0], values[1], values[2], values[3]);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            error = $"bbox '{text}' is not W,S,E,N with -180 <= W <= E <= 180 and -90 <= S <= N <= 90";
            return false;
        }
    }

    /// <summary>The box as an envelope (X = longitude).</summary>
    public Envelope ToEnvelope() => new(WestDegrees, EastDegrees, SouthDegrees, NorthDegrees);

    /// <summary>The box as an EPSG:4326 geometry from <see cref="GeometryFactories.Wgs84"/> (a point or line when degenerate).</summary>
    /// <returns>The geometry.</returns>
    public Geometry ToGeometry() => GeometryFactories.Wgs84.ToGeometry(ToEnvelope());

    /// <summary>Exact test: whether the geometry has a point in the closed box.</summary>
    /// <param name="geometry">An EPSG:4326 geometry.</param>
    /// <returns>True when they intersect; false for an empty geometry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    public bool Intersects(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var e = geometry.EnvelopeInternal;
        if (e.IsNull || e.MinX > EastDegrees || e.MaxX < WestDegrees || e.MinY > NorthDegrees || e.MaxY < SouthDegrees)
        {
            return false;
        }

        if (e.MinX >= WestDegrees && e.MaxX <= EastDegrees && e.MinY >= SouthDegrees && e.MaxY <= NorthDegrees)
        {
            return true;
        }

        return ToGeometry().Intersects(geometry);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{WestDegrees},{SouthDegrees},{EastDegrees},{NorthDegrees}");

    private static void Check(double value, double limit, string name, string what)
    {
        if (!double.IsFinite(value) || value < -limit || value > limit)
        {
            throw new ArgumentOutOfRangeException(name, value, $"bbox {what} must be a finite number in [-{limit}, {limit}] degrees");
        }
    }
}
