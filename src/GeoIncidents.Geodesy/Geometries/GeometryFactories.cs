using System.Collections.Concurrent;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Geodesy.Geometries;

/// <summary>
/// The one <see cref="GeometryFactory"/> per SRID that the project builds geometries with (STYLE.md, rule 6).
/// In every geometry here X is longitude and Y is latitude (GeoJSON order).
/// </summary>
public static class GeometryFactories
{
    /// <summary>EPSG:4326 (WGS84 lon/lat degrees), floating precision.</summary>
    public const int Wgs84Srid = 4326;

    /// <summary>EPSG:3857 (WGS 84 / Pseudo-Mercator, "Web Mercator"), metres on the web-map plane.</summary>
    public const int WebMercatorSrid = 3857;

    private static readonly ConcurrentDictionary<int, GeometryFactory> BySrid = new();

    /// <summary>The factory for EPSG:4326 geometries (X = longitude, Y = latitude, degrees).</summary>
    public static GeometryFactory Wgs84 { get; } = ForSrid(Wgs84Srid);

    /// <summary>
    /// The factory for an SRID (floating precision), created on first use and cached, so that every geometry of
    /// one SRID shares one factory. In projected CRSs X is easting and Y is northing, in the CRS's unit.
    /// </summary>
    /// <param name="srid">An EPSG code (e.g. 4326, 3857, 32638), or 0 for a transient CRS with no EPSG code
    /// (a local transverse Mercator, which is never stored).</param>
    /// <returns>The shared factory for that SRID.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The SRID is negative.</exception>
    public static GeometryFactory ForSrid(int srid)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(srid);
        return BySrid.GetOrAdd(srid, static s =>
            NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), s));
    }
}
