using System.Buffers.Binary;
using FsCheck.Xunit;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using NetTopologySuite.Geometries;
using static GeoIncidents.Storage.Tests.GeoPackage.SampleTables;

namespace GeoIncidents.Storage.Tests.GeoPackage;

public class GpkgBlobTests
{
    public static TheoryData<string> NonEmptyGeometries => new()
    {
        "POINT (46.34 39.51)",
        "LINESTRING (46.3 39.49, 46.4 39.53, 46.45 39.6)",
        "POLYGON ((46 39, 46.5 39, 46.5 39.5, 46 39.5, 46 39), (46.1 39.1, 46.1 39.2, 46.2 39.2, 46.1 39.1))",
        "MULTIPOINT ((46.34 39.51), (45.2 40.1))",
        "MULTILINESTRING ((46.3 39.49, 46.4 39.53), (45 40, 45.1 40.2))",
        "MULTIPOLYGON (((46 39, 46.5 39, 46.5 39.5, 46 39.5, 46 39)), ((45 40, 45.2 40, 45.2 40.2, 45 40)))",
        "GEOMETRYCOLLECTION (POINT (46.34 39.51), LINESTRING (46.3 39.49, 46.4 39.53))",
        "POINT (-179.999999999 -89.5)",
    };

    public static TheoryData<string> EmptyGeometries => new()
    {
        "POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOINT EMPTY", "MULTILINESTRING EMPTY", "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY",
    };

    [Fact]
    public void Write_Point_HeaderIsGpVersion0XyEnvelopeLittleEndianSrid4326()
    {
        var blob = GpkgBlob.Write(PointAt(46.34, 39.51));

        // "GP", version 0, flags 0x03 (bit 0 little-endian, envelope code 1 = XY), srs_id 4326 = 0x10E6 little-endian.
        Assert.Equal(new byte[] { 0x47, 0x50, 0x00, 0x03, 0xE6, 0x10, 0x00, 0x00 }, blob[..8]);
        Assert.Equal(8 + 32 + 21, blob.Length);
        var envelope = blob.AsSpan(8, 32);
        Assert.Equal(46.34, BinaryPrimitives.ReadDoubleLittleEndian(envelope));            // min X
        Assert.Equal(46.34, BinaryPrimitives.ReadDoubleLittleEndian(envelope[8..]));       // max X
        Assert.Equal(39.51, BinaryPrimitives.ReadDoubleLittleEndian(envelope[16..]));      // min Y
        Assert.Equal(39.51, BinaryPrimitives.ReadDoubleLittleEndian(envelope[24..]));      // max Y
        var wkb = blob.AsSpan(40);
        Assert.Equal(0x01, wkb[0]);                                                        // WKB little-endian
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(wkb[1..]));               // wkbPoint, 2D
        Assert.Equal(46.34, BinaryPrimitives.ReadDoubleLittleEndian(wkb[5..]));            // X = longitude
        Assert.Equal(39.51, BinaryPrimitives.ReadDoubleLittleEndian(wkb[13..]));           // Y = latitude

        var header = GpkgBlob.ReadHeader(blob);
        Assert.True(header.IsLittleEndian);
        Assert.False(header.IsEmpty);
        Assert.Equal(GpkgEnvelopeKind.XY, header.EnvelopeKind);
        Assert.Equal(4326, header.SrsId);
        Assert.Equal(40, header.Length);
    }

    [Theory]
    [MemberData(nameof(NonEmptyGeometries))]
    public void WriteRead_NonEmpty_RoundTripsExactlyWithSrid4326AndProjectFactory(string wkt)
    {
        var geometry = Wkt(wkt);

        var blob = GpkgBlob.Write(geometry);
        var back = GpkgBlob.Read(blob);

        Assert.Equal(GpkgBlob.NonEmptyFlags, blob[3]);
        Assert.Equal(geometry.GetType(), back.GetType());
        Assert.True(back.EqualsExact(geometry), $"{wkt} came back as {back.AsText()}");
        Assert.Equal(4326, back.SRID);
        Assert.Same(GeometryFactories.Wgs84, back.Factory);
        Assert.All(Parts(back), p => Assert.Same(GeometryFactories.Wgs84, p.Factory));
        Assert.Equal(GpkgEnvelope.FromEnvelope(geometry.EnvelopeInternal), GpkgBlob.ReadHeader(blob).Envelope);
        Assert.Equal(GpkgEnvelope.FromEnvelope(geometry.EnvelopeInternal), GpkgBlob.ReadEnvelope(blob));
        Assert.False(GpkgBlob.IsEmpty(blob));
    }

    [Theory]
    [MemberData(nameof(EmptyGeometries))]
    public void WriteRead_Empty_FlaggedEmptyWithoutEnvelopeAndRoundTrips(string wkt)
    {
        var geometry = Wkt(wkt);

        var blob = GpkgBlob.Write(geometry);
        var back = GpkgBlob.Read(blob);

        // Flags 0x11: little-endian, empty bit (4) set, envelope code 0. GeoPackage 1.3 clause 2.1.3.1.1 and GDAL.
        Assert.Equal(GpkgBlob.EmptyFlags, blob[3]);
        var header = GpkgBlob.ReadHeader(blob);
        Assert.True(header.IsEmpty);
        Assert.Equal(GpkgEnvelopeKind.None, header.EnvelopeKind);
        Assert.Equal(8, header.Length);
        Assert.True(back.IsEmpty);
        Assert.Equal(geometry.GetType(), back.GetType());
        Assert.Equal(4326, back.SRID);
        Assert.Null(GpkgBlob.ReadEnvelope(blob));
        Assert.True(GpkgBlob.IsEmpty(blob));
    }

    [Fact]
    public void Write_EmptyPoint_BytesEqualGdalOutput()
    {
        // Written by GDAL 3.6.2 (python3-gdal: ogr.CreateGeometryFromWkt('POINT EMPTY') into a GPKG layer, EPSG:4326):
        // flags 0x11, srs_id 4326, WKB point with the quiet NaN 0x7FF8000000000000 for X and Y.
        // GdalInteropTests.Blobs_WrittenByGdal_ReadBackAndEmptyBytesMatch re-derives this with the installed GDAL.
        var gdal = Convert.FromHexString("47500011E61000000101000000000000000000F87F000000000000F87F");

        Assert.Equal(gdal, GpkgBlob.Write(GeometryFactories.Wgs84.CreatePoint()));
    }

    [Fact]
    public void Write_PointWithZ_Writes2DOnly()
    {
        var point = GeometryFactories.Wgs84.CreatePoint(new CoordinateZ(46.34, 39.51, 1500));

        var blob = GpkgBlob.Write(point);

        Assert.Equal(GpkgBlob.NonEmptyFlags, blob[3]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(41)));   // wkbPoint, not 1001 (Z)
        Assert.Equal(8 + 32 + 21, blob.Length);
        Assert.True(double.IsNaN(GpkgBlob.Read(blob).Coordinate.Z));
    }

    [Fact]
    public void Write_SridZero_ThrowsNamingTheFactory()
    {
        var point = new GeometryFactory().CreatePoint(new Coordinate(46.34, 39.51));

        var e = Assert.Throws<ArgumentException>(() => GpkgBlob.Write(point));

        Assert.Contains("GeometryFactories.Wgs84", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SridNotTheColumns_Throws()
    {
        var utm = new GeometryFactory(new PrecisionModel(), 32638).CreatePoint(new Coordinate(615197.391, 4374231.434));

        var e = Assert.Throws<ArgumentException>(() => GpkgBlob.Write(utm, GeometryFactories.Wgs84Srid));

        Assert.Contains("32638", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Write_NonFiniteCoordinate_Throws(double bad)
    {
        var line = GeometryFactories.Wgs84.CreateLineString([new Coordinate(46, 39), new Coordinate(bad, 39.5)]);

        Assert.Throws<ArgumentException>(() => GpkgBlob.Write(line));
    }

    [Fact]
    public void Write_Null_Throws() => Assert.Throws<ArgumentNullException>(() => GpkgBlob.Write(null!));

    public static TheoryData<string, string> Garbage => new()
    {
        { "", "shorter than the 8-byte header" },
        { "4750000300", "shorter than the 8-byte header" },
        { "58590003E6100000" + "0101000000", "magic" },
        { "47500103E6100000" + "0101000000", "version" },
        { "47500021E6100000" + "0101000000", "Extended" },
        { "4750000BE6100000" + "0101000000", "envelope contents indicator 5" },
        { "47500003E6100000" + "0000", "ends inside its 40-byte header" },
        { "47500001E6100000" + "0101000000", "invalid WKB body" },
        { "47500001E6100000" + "07FFFFFFFF", "invalid WKB body" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Read_NotAGeoPackageGeometry_ThrowsFormatExceptionSayingWhy(string hex, string reason)
    {
        var blob = Convert.FromHexString(hex);

        var e = Assert.Throws<FormatException>(() => GpkgBlob.Read(blob));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEnvelope_BigEndianHeaderAndBodyWithEnvelope_Decodes()
    {
        // Hand-built big-endian blob: flags 0x02 (big-endian, XY envelope), srs_id 4326, envelope, WKB big-endian line.
        var blob = new byte[8 + 32 + 9 + 32];
        "GP"u8.CopyTo(blob);
        blob[3] = 0x02;
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), 4326);
        double[] envelope = [45.0, 46.5, 39.0, 40.25];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteDoubleBigEndian(blob.AsSpan(8 + (8 * i)), envelope[i]);
        }

        blob[40] = 0x00;
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(41), 2);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(45), 2);
        double[] coordinates = [45.0, 40.25, 46.5, 39.0];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteDoubleBigEndian(blob.AsSpan(49 + (8 * i)), coordinates[i]);
        }

        Assert.Equal(new GpkgEnvelope(45.0, 39.0, 46.5, 40.25), GpkgBlob.ReadEnvelope(blob));
        var line = GpkgBlob.Read(blob);
        Assert.Equal("LINESTRING (45 40.25, 46.5 39)", line.AsText());
        Assert.Equal(4326, line.SRID);
    }

    [Fact]
    public void ReadEnvelope_PointWithoutEnvelope_ReadsCoordinatesLikeGdalWritesThem()
    {
        // GDAL writes points without an envelope (flags 0x01); the fast path reads X, Y from the WKB.
        var blob = Convert.FromHexString("47500001E61000000101000000EC51B81E852B4740E17A14AE47C14340");

        Assert.Equal(new GpkgEnvelope(46.34, 39.51, 46.34, 39.51), GpkgBlob.ReadEnvelope(blob));
        Assert.Equal("POINT (46.34 39.51)", GpkgBlob.Read(blob).AsText());
    }

    [Fact]
    public void ReadEnvelope_PolygonWithoutEnvelope_ParsesTheBody()
    {
        var polygon = Wkt("POLYGON ((46 39, 46.5 39, 46.5 39.5, 46 39.5, 46 39))");
        var withEnvelope = GpkgBlob.Write(polygon);
        var withoutEnvelope = new byte[withEnvelope.Length - 32];
        withEnvelope.AsSpan(0, 8).CopyTo(withoutEnvelope);
        withoutEnvelope[3] = 0x01;
        withEnvelope.AsSpan(40).CopyTo(withoutEnvelope.AsSpan(8));

        Assert.Equal(new GpkgEnvelope(46, 39, 46.5, 39.5), GpkgBlob.ReadEnvelope(withoutEnvelope));
    }

    [Property(MaxTest = 300)]
    public bool WriteRead_RandomMultiPolygon_RoundTripsAndHeaderEnvelopeIsExact(int seed)
    {
        var random = new Random(seed);
        var polygons = Enumerable.Range(0, 1 + random.Next(4)).Select(_ =>
        {
            var x = -180 + (random.NextDouble() * 359);
            var y = -90 + (random.NextDouble() * 179);
            var w = random.NextDouble();
            var h = random.NextDouble();
            return GeometryFactories.Wgs84.CreatePolygon([new(x, y), new(x + w, y), new(x + w, y + h), new(x, y + h), new(x, y)]);
        }).ToArray();
        var geometry = GeometryFactories.Wgs84.CreateMultiPolygon(polygons);

        var blob = GpkgBlob.Write(geometry);

        return GpkgBlob.Read(blob).EqualsExact(geometry)
               && GpkgBlob.ReadEnvelope(blob) == GpkgEnvelope.FromEnvelope(geometry.EnvelopeInternal);
    }

    private static IEnumerable<Geometry> Parts(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            yield return part;
            if (part is Polygon polygon)
            {
                yield return polygon.Shell;
                foreach (var hole in polygon.Holes)
                {
                    yield return hole;
                }
            }
        }
    }
}
