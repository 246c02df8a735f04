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

    /// <summary>The factory for EPSG:4326 geometries (X = longitude, Y = latitude, degrees).</summary>
    public static GeometryFactory Wgs84 { get; } =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(PrecisionModels.Floating), Wgs84Srid);
}
