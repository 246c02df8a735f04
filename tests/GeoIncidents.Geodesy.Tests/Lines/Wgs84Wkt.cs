using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoIncidents.Geodesy.Tests.Lines;

/// <summary>WKT in EPSG:4326: geometries rebuilt with <see cref="GeometryFactories.Wgs84"/> (SRID 4326, X = lon, Y = lat).</summary>
internal static class Wgs84Wkt
{
    private static readonly WKTReader Reader = new();

    /// <summary>Reads WKT (lon lat order) into an SRID 4326 geometry.</summary>
    public static Geometry Read(string wkt) => GeometryFactories.Wgs84.CreateGeometry(Reader.Read(wkt));
}
