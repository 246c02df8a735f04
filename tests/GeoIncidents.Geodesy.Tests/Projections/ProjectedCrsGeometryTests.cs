using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Projections;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoIncidents.Geodesy.Tests.Projections;

public class ProjectedCrsGeometryTests
{
    private static readonly WKTReader Reader = new(new NetTopologySuite.NtsGeometryServices(GeometryFactories.Wgs84.PrecisionModel, GeometryFactories.Wgs84Srid));
    private static readonly ProjectedCrs Utm38N = ProjectedCrs.Utm(UtmZone.Create(38, Hemisphere.North));

    private static Geometry Wgs84(string wkt)
    {
        var g = GeometryFactories.Wgs84.CreateGeometry(Reader.Read(wkt));
        Assert.Equal(4326, g.SRID);
        return g;
    }

    [Theory]
    [InlineData("POINT (46.34 39.51)")]
    [InlineData("LINESTRING (46.30 39.49, 46.40 39.53, 46.45 39.60)")]
    [InlineData("POLYGON ((46.0 39.0, 46.6 39.0, 46.6 39.6, 46.0 39.6, 46.0 39.0), (46.2 39.2, 46.2 39.4, 46.4 39.4, 46.2 39.2))")]
    [InlineData("MULTIPOINT ((46.34 39.51), (46.22931 39.58752))")]
    [InlineData("MULTILINESTRING ((46.30 39.49, 46.40 39.53), (45.0 41.29, 45.1 41.2, 45.2 41.25))")]
    [InlineData("MULTIPOLYGON (((46.0 39.0, 46.1 39.0, 46.1 39.1, 46.0 39.0)), ((45.0 40.0, 45.5 40.0, 45.5 40.5, 45.0 40.5, 45.0 40.0), (45.1 40.1, 45.2 40.1, 45.2 40.2, 45.1 40.1)))")]
    [InlineData("GEOMETRYCOLLECTION (POINT (46.34 39.51), LINESTRING (46.30 39.49, 46.40 39.53))")]
    public void FromWgs84_AnyGeometryType_TransformsEveryVertexAsPositionsAndKeepsStructure(string wkt)
    {
        var source = Wgs84(wkt);
        var projected = Utm38N.FromWgs84(source);

        Assert.Equal(source.GeometryType, projected.GeometryType);
        Assert.Equal(source.NumGeometries, projected.NumGeometries);
        Assert.Equal(source.NumPoints, projected.NumPoints);
        var (s, p) = (source.Coordinates, projected.Coordinates);
        for (var i = 0; i < s.Length; i++)
        {
            var expected = Utm38N.FromWgs84(GeoPosition.FromLonLat(s[i].X, s[i].Y));
            Assert.Equal(expected.EastingMeters, p[i].X, 1e-9);
            Assert.Equal(expected.NorthingMeters, p[i].Y, 1e-9);
        }

        if (source is Polygon polygon)
        {
            Assert.Equal(polygon.NumInteriorRings, ((Polygon)projected).NumInteriorRings);
        }
    }

    [Fact]
    public void FromWgs84_PolygonWithHole_LeavesSourceUntouchedAndUsesTargetFactory()
    {
        const string wkt = "POLYGON ((46.0 39.0, 46.6 39.0, 46.6 39.6, 46.0 39.6, 46.0 39.0), (46.2 39.2, 46.2 39.4, 46.4 39.4, 46.2 39.2))";
        var source = Wgs84(wkt);
        var sourceFactory = source.Factory;
        var projected = Utm38N.FromWgs84(source);

        Assert.Equal(Wgs84(wkt).AsText(), source.AsText()); // not mutated
        Assert.Same(sourceFactory, source.Factory);
        Assert.Equal(4326, source.SRID);
        Assert.Equal(32638, projected.SRID);
        Assert.Same(GeometryFactories.ForSrid(32638), projected.Factory);
        Assert.True(projected.IsValid);
        Assert.InRange(projected.EnvelopeInternal.MinX, 500_000.0, 700_000.0); // metres, not degrees
    }

    [Fact]
    public void ToWgs84_AfterFromWgs84_RestoresVerticesWithin1e9Degrees()
    {
        var source = Wgs84("MULTIPOLYGON (((46.0 39.0, 46.1 39.0, 46.1 39.1, 46.0 39.0)), ((45.0 40.0, 45.5 40.0, 45.5 40.5, 45.0 40.5, 45.0 40.0), (45.1 40.1, 45.2 40.1, 45.2 40.2, 45.1 40.1)))");
        foreach (var crs in new[] { Utm38N, ProjectedCrs.WebMercator, ProjectedCrs.LocalTransverseMercator(source.EnvelopeInternal) })
        {
            var back = crs.ToWgs84(crs.FromWgs84(source));
            Assert.Equal(4326, back.SRID);
            Assert.Same(GeometryFactories.Wgs84, back.Factory);
            Assert.True(back.EqualsExact(source, 1e-9), $"{crs}: {back.AsText()}");
        }
    }

    [Fact]
    public void FromWgs84_LocalTransverseMercator_HasSridZero()
    {
        var source = Wgs84("LINESTRING (46.30 39.49, 46.40 39.53)");
        var local = ProjectedCrs.LocalTransverseMercator(source.EnvelopeInternal);
        var projected = local.FromWgs84(source);
        Assert.Equal(0, projected.SRID);
        Assert.InRange(Math.Abs(projected.Coordinates[0].X), 4000.0, 5000.0); // 0.05° of longitude at 39.5°N from the centre
    }

    [Fact]
    public void FromWgs84_KeepsZ()
    {
        var source = GeometryFactories.Wgs84.CreatePoint(new CoordinateZ(46.34, 39.51, 1234.5));
        var projected = Utm38N.FromWgs84(source);
        Assert.Equal(1234.5, projected.Coordinate.Z);
    }

    [Fact]
    public void FromWgs84_Empty_GivesEmptyInTargetSrid()
    {
        var projected = Utm38N.FromWgs84(GeometryFactories.Wgs84.CreatePolygon());
        Assert.True(projected.IsEmpty);
        Assert.Equal(32638, projected.SRID);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3857)]
    public void FromWgs84_NotSrid4326_ThrowsNamingTheSrid(int srid)
    {
        var g = GeometryFactories.ForSrid(srid).CreatePoint(new Coordinate(46.34, 39.51));
        var ex = Assert.Throws<ArgumentException>(() => Utm38N.FromWgs84(g));
        Assert.Contains($"SRID {srid}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWgs84_WrongSrid_Throws()
    {
        var g = GeometryFactories.ForSrid(32639).CreatePoint(new Coordinate(500_000, 4_400_000));
        Assert.Throws<ArgumentException>(() => Utm38N.ToWgs84(g));
    }

    [Theory]
    [InlineData(200.0, 39.5)]
    [InlineData(46.0, 91.0)]
    [InlineData(double.NaN, 39.5)]
    public void FromWgs84_CoordinateOutsideEpsg4326_Throws(double lon, double lat)
    {
        var g = GeometryFactories.Wgs84.CreateLineString([new Coordinate(46.0, 39.5), new Coordinate(lon, lat)]);
        Assert.Throws<ArgumentException>(() => Utm38N.FromWgs84(g));
    }

    [Fact]
    public void FromWgs84_VertexFarOutsideTheZone_ThrowsNotGarbage()
    {
        var g = GeometryFactories.Wgs84.CreateLineString([new Coordinate(46.0, 39.5), new Coordinate(80.0, 39.5)]);
        Assert.ThrowsAny<ArgumentException>(() => Utm38N.FromWgs84(g));
    }

    [Fact]
    public void Transform_WithProjNetTransform_MovesCopyOnly()
    {
        var factory = new ProjNet.CoordinateSystems.Transformations.CoordinateTransformationFactory();
        var t = factory.CreateFromCoordinateSystems(ProjNet.CoordinateSystems.GeographicCoordinateSystem.WGS84, ProjNet.CoordinateSystems.ProjectedCoordinateSystem.WebMercator);
        var source = Wgs84("LINESTRING (0 0, 1 1)");
        var copy = source.Factory.CreateGeometry(source);
        copy.Apply(new MathTransformFilter(t.MathTransform));
        Assert.Equal(111319.49, copy.Coordinates[1].X, 0.01);
        Assert.Equal(1.0, source.Coordinates[1].X);
    }
}
