using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// A query box in EPSG:4326 longitude/latitude degrees (OGC API <c>bbox=W,S,E,N</c> order). It may be a point or a
/// line (zero width or height). Boxes crossing the antimeridian (west &gt; east) are rejected: split them in two.
/// <para>
/// "Intersects" is evaluated planar in longitude/latitude, as OGC API - Features bbox filters and PostGIS
/// <c>geometry</c> predicates do, so the GeoPackage and PostGIS stores agree; it is a filter, not a measurement.
/// </para>
/// </summary>
public readonly record struct GpkgBoundingBox
{
    private GpkgBoundingBox(double westDegrees, double southDegrees, double eastDegrees, double northDegrees)
    {
        WestDegrees = westDegrees;
        SouthDegrees = southDegrees;
        EastDegrees = eastDegrees;
        NorthDegrees = northDegrees;
    }

    /// <summary>West edge: minimum longitude, degrees, in [-180, 180].</summary>
    public double WestDegrees { get; }

    /// <summary>South edge: minimum latitude, degrees, in [-90, 90].</summary>
    public double SouthDegrees { get; }

    /// <summary>East edge: maximum longitude, degrees, in [WestDegrees, 180].</summary>
    public double EastDegrees { get; }

    /// <summary>North edge: maximum latitude, degrees, in [SouthDegrees, 90].</summary>
    public double NorthDegrees { get; }

    /// <summary>Creates a box from its edges in OGC API order.</summary>
    /// <param name="westDegrees">Minimum longitude, [-180, 180].</param>
    /// <param name="southDegrees">Minimum latitude, [-90, 90].</param>
    /// <param name="eastDegrees">Maximum longitude, [-180, 180], not less than <paramref name="westDegrees"/>.</param>
    /// <param name="northDegrees">Maximum latitude, [-90, 90], not less than <paramref name="southDegrees"/>.</param>
    /// <returns>The box.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or out of range, west exceeds east (antimeridian crossing: split the box) or south exceeds north.</exception>
    public static GpkgBoundingBox FromWestSouthEastNorth(double westDegrees, double southDegrees, double eastDegrees, double northDegrees)
    {
        CheckRange(westDegrees, -180, 180, nameof(westDegrees), "longitude");
        CheckRange(southDegrees, -90, 90, nameof(southDegrees), "latitude");
        CheckRange(eastDegrees, -180, 180, nameof(eastDegrees), "longitude");
        CheckRange(northDegrees, -90, 90, nameof(northDegrees), "latitude");
        if (westDegrees > eastDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(westDegrees), westDegrees,
                $"bbox west {westDegrees} exceeds east {eastDegrees}: a box crossing the antimeridian is not supported; query [{westDegrees}, 180] and [-180, {eastDegrees}] separately");
        }

        if (southDegrees > northDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(southDegrees), southDegrees, $"bbox south {southDegrees} exceeds north {northDegrees}");
        }

        return new GpkgBoundingBox(westDegrees, southDegrees, eastDegrees, northDegrees);
    }

    /// <summary>The box as an envelope (X = longitude, Y = latitude).</summary>
    public GpkgEnvelope Envelope => new(WestDegrees, SouthDegrees, EastDegrees, NorthDegrees);

    /// <summary>
    /// The box as an EPSG:4326 geometry from <see cref="GeometryFactories.Wgs84"/>: a rectangle, or a point or line
    /// when the box has no width or height.
    /// </summary>
    /// <returns>The geometry.</returns>
    public Geometry ToGeometry() => GeometryFactories.Wgs84.ToGeometry(Envelope.ToEnvelope());

    /// <summary>
    /// Exact test: whether a geometry has a point in the closed box (edges included). A cheap envelope test settles
    /// most cases; the rest go to NTS (for a rectangle, its optimised rectangle-intersects algorithm).
    /// </summary>
    /// <param name="geometry">An EPSG:4326 geometry.</param>
    /// <returns>True when they intersect; false for an empty geometry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="ArgumentException">The geometry's SRID is not 4326.</exception>
    public bool Intersects(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.SRID != GeometryFactories.Wgs84Srid)
        {
            throw new ArgumentException($"bbox is in EPSG:4326, geometry has SRID {geometry.SRID}", nameof(geometry));
        }

        var e = geometry.EnvelopeInternal;
        if (e.IsNull || e.MinX > EastDegrees || e.MaxX < WestDegrees || e.MinY > NorthDegrees || e.MaxY < SouthDegrees)
        {
            return false;
        }

        // A non-empty geometry whose envelope lies inside the box has all its points inside; a point has its envelope.
        if (e.MinX >= WestDegrees && e.MaxX <= EastDegrees && e.MinY >= SouthDegrees && e.MaxY <= NorthDegrees)
        {
            return true;
        }

        return ToGeometry().Intersects(geometry);
    }

    private static void CheckRange(double value, double min, double max, string name, string what)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"bbox {what} must be a finite number in [{min}, {max}] degrees");
        }
    }
}
