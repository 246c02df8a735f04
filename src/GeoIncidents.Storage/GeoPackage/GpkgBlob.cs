using System.Buffers.Binary;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// GeoPackage geometry blobs (GeoPackage 1.3, clause 2.1.3 "GeoPackageBinary"): an 8-byte header ("GP", version 0,
/// flags, srs_id), an optional envelope, then standard WKB.
/// <para>
/// What this writes, always: little-endian, XY only (Z and M are dropped; feature tables declare z = 0, m = 0), the
/// geometry's SRID as srs_id. A non-empty geometry gets flags 0x03 and its XY envelope (min X, max X, min Y, max Y);
/// an empty one gets flags 0x11 (empty bit, no envelope) and, for a point, the body <c>POINT(NaN NaN)</c> with quiet
/// NaNs: byte for byte what GDAL 3.6 writes. (NetTopologySuite's own <see cref="GeoPackageGeoWriter"/> defaults to
/// XYZM and writes empty geometries with a bogus (0, -1, 0, -1) envelope, so it is not used for writing.)
/// </para>
/// <para>
/// What this reads: any standard GeoPackageBinary blob, either byte order, with or without an envelope (GDAL omits it
/// for points), with the srs_id kept as the SRID. ExtendedGeoPackageBinary is rejected.
/// </para>
/// </summary>
public static class GpkgBlob
{
    /// <summary>Flags byte this class writes for a non-empty geometry: little-endian, XY envelope.</summary>
    public const byte NonEmptyFlags = 0x03;

    /// <summary>Flags byte this class writes for an empty geometry: little-endian, empty, no envelope.</summary>
    public const byte EmptyFlags = 0x11;

    private const int MinimumHeaderLength = 8;

    // GeoPackage (clause 2.1.3.1.1) and GDAL write the empty point's ordinates as the quiet NaN 0x7FF8000000000000;
    // .NET's double.NaN has the sign bit set, so the bits are written explicitly.
    private const long QuietNaNBits = 0x7FF8000000000000;

    /// <summary>Encodes a geometry as a GeoPackage blob, checking its SRID against the one its column requires.</summary>
    /// <param name="geometry">The geometry; its SRID must equal <paramref name="expectedSrsId"/>; coordinates must be finite.</param>
    /// <param name="expectedSrsId">The srs_id of the target column (for this project <see cref="GeometryFactories.Wgs84Srid"/>).</param>
    /// <returns>The blob.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID differs from <paramref name="expectedSrsId"/>, or a coordinate is NaN or infinite.</exception>
    public static byte[] Write(Geometry geometry, int expectedSrsId)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.SRID != expectedSrsId)
        {
            throw new ArgumentException(
                $"geometry has SRID {geometry.SRID} but the column requires {expectedSrsId}" +
                (geometry.SRID == 0 ? " (SRID 0 means it was not built with GeometryFactories.Wgs84)" : string.Empty),
                nameof(geometry));
        }

        return Write(geometry);
    }

    /// <summary>Encodes a geometry as a GeoPackage blob with its own SRID as srs_id.</summary>
    /// <param name="geometry">The geometry; SRID must be positive (0 and -1 are GeoPackage's "undefined" systems, never used here); coordinates must be finite.</param>
    /// <returns>The blob: header ("GP", 0, flags, srs_id little-endian), envelope when non-empty, little-endian 2D WKB.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="geometry"/> is null.</exception>
    /// <exception cref="ArgumentException">The SRID is 0 or negative, or a coordinate is NaN or infinite.</exception>
    public static byte[] Write(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.SRID <= 0)
        {
            throw new ArgumentException(
                $"geometry has SRID {geometry.SRID}; build geometries with GeometryFactories.Wgs84 (SRID {GeometryFactories.Wgs84Srid})",
                nameof(geometry));
        }

        if (geometry.IsEmpty)
        {
            return WriteEmpty(geometry);
        }

        if (geometry is Point point)
        {
            return WritePoint(point);
        }

        var finite = new FiniteCoordinatesFilter();
        geometry.Apply(finite);
        if (finite.OffendingIndex >= 0)
        {
            throw new ArgumentException(
                $"{geometry.GeometryType} has a NaN or infinite coordinate (vertex {finite.OffendingIndex} of a part); it cannot be stored or indexed",
                nameof(geometry));
        }

        var body = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry);
        var envelope = geometry.EnvelopeInternal;
        var blob = new byte[MinimumHeaderLength + 32 + body.Length];
        WriteFixedHeader(blob, NonEmptyFlags, geometry.SRID);
        var span = blob.AsSpan(MinimumHeaderLength);
        BinaryPrimitives.WriteDoubleLittleEndian(span, envelope.MinX);
        BinaryPrimitives.WriteDoubleLittleEndian(span[8..], envelope.MaxX);
        BinaryPrimitives.WriteDoubleLittleEndian(span[16..], envelope.MinY);
        BinaryPrimitives.WriteDoubleLittleEndian(span[24..], envelope.MaxY);
        body.CopyTo(blob, MinimumHeaderLength + 32);
        return blob;
    }

    /// <summary>The blob of a non-empty point, written directly: the same bytes as the general path (header, envelope, 21-byte WKB point).</summary>
    private static byte[] WritePoint(Point point)
    {
        var (x, y) = (point.X, point.Y);
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new ArgumentException($"{point.GeometryType} has a NaN or infinite coordinate (vertex 0 of a part); it cannot be stored or indexed", nameof(point));
        }

        var blob = new byte[PointBlobLength];
        WriteFixedHeader(blob, NonEmptyFlags, point.SRID);
        var span = blob.AsSpan(MinimumHeaderLength);
        BinaryPrimitives.WriteDoubleLittleEndian(span, x);
        BinaryPrimitives.WriteDoubleLittleEndian(span[8..], x);
        BinaryPrimitives.WriteDoubleLittleEndian(span[16..], y);
        BinaryPrimitives.WriteDoubleLittleEndian(span[24..], y);
        span[32] = 1; // little-endian WKB
        BinaryPrimitives.WriteUInt32LittleEndian(span[33..], 1); // wkbPoint
        BinaryPrimitives.WriteDoubleLittleEndian(span[37..], x);
        BinaryPrimitives.WriteDoubleLittleEndian(span[45..], y);
        return blob;
    }

    // Header, XY envelope, and the WKB point: byte order, type, X, Y.
    private const int PointBlobLength = MinimumHeaderLength + 32 + 1 + 4 + 16;

    /// <summary>Decodes a GeoPackage blob into a geometry built by the project's factory for its srs_id.</summary>
    /// <param name="blob">A GeoPackageBinary blob.</param>
    /// <returns>The geometry; its SRID is the blob's srs_id, and for srs_id 4326 its factory is <see cref="GeometryFactories.Wgs84"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="blob"/> is null.</exception>
    /// <exception cref="FormatException">The blob is not a valid standard GeoPackage geometry.</exception>
    public static Geometry Read(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var header = ReadHeader(blob);
        var raw = ReadBody(blob, header.Length);
        var factory = header.SrsId == GeometryFactories.Wgs84Srid
            ? GeometryFactories.Wgs84
            : NtsGeometryServices.Instance.CreateGeometryFactory(GeometryFactories.Wgs84.PrecisionModel, header.SrsId);

        // WKBReader builds with the SRID -1 factory. Rebuilding the freshly parsed geometry with the SRID's factory
        // makes every part (rings too) carry the right SRID and factory (STYLE.md 6); setting Geometry.SRID would
        // relabel only the outer levels, and GeometryFactory.CreateGeometry returns empty polygons unchanged.
        return Rehome(raw, factory);
    }

    /// <summary>Decodes and checks the header of a GeoPackage blob without touching the WKB body.</summary>
    /// <param name="blob">The blob (at least the header and one WKB byte).</param>
    /// <returns>The header.</returns>
    /// <exception cref="FormatException">Bad magic, version, flags, envelope code or length, or an ExtendedGeoPackageBinary blob.</exception>
    public static GpkgBlobHeader ReadHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < MinimumHeaderLength)
        {
            throw new FormatException($"not a GeoPackage geometry: {blob.Length} bytes, shorter than the 8-byte header");
        }

        if (blob[0] != (byte)'G' || blob[1] != (byte)'P')
        {
            throw new FormatException($"not a GeoPackage geometry: magic is 0x{blob[0]:X2}{blob[1]:X2}, expected \"GP\" (0x4750)");
        }

        if (blob[2] != 0)
        {
            throw new FormatException($"unsupported GeoPackage geometry version byte {blob[2]} (only 0, version 1 of the format, exists)");
        }

        var flags = blob[3];
        if ((flags & 0x20) != 0)
        {
            throw new FormatException("ExtendedGeoPackageBinary geometries (flags bit 5) are not supported");
        }

        var code = (flags >> 1) & 0x07;
        var envelopeBytes = code switch
        {
            0 => 0,
            1 => 32,
            2 or 3 => 48,
            4 => 64,
            _ => throw new FormatException($"invalid GeoPackage envelope contents indicator {code} (valid: 0-4)"),
        };
        var length = MinimumHeaderLength + envelopeBytes;
        if (blob.Length <= length)
        {
            throw new FormatException($"GeoPackage geometry of {blob.Length} bytes ends inside its {length}-byte header");
        }

        var littleEndian = (flags & 0x01) != 0;
        var srsId = littleEndian ? BinaryPrimitives.ReadInt32LittleEndian(blob[4..]) : BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        GpkgEnvelope? envelope = null;
        if (code != 0)
        {
            var minX = ReadDouble(blob[8..], littleEndian);
            var maxX = ReadDouble(blob[16..], littleEndian);
            var minY = ReadDouble(blob[24..], littleEndian);
            var maxY = ReadDouble(blob[32..], littleEndian);
            var isEmpty = (flags & 0x10) != 0;
            if (!isEmpty && double.IsFinite(minX) && double.IsFinite(maxX) && double.IsFinite(minY) && double.IsFinite(maxY))
            {
                if (minX > maxX || minY > maxY)
                {
                    throw new FormatException($"GeoPackage geometry envelope is inverted: x {minX}..{maxX}, y {minY}..{maxY}");
                }

                envelope = new GpkgEnvelope(minX, minY, maxX, maxY);
            }
        }

        return new GpkgBlobHeader(blob[2], flags, srsId, (GpkgEnvelopeKind)code, envelope, length);
    }

    /// <summary>
    /// The XY bounding box of the geometry in a blob, fast: from the header when it has an envelope, from the
    /// coordinates for a point without one (GDAL's habit), and by a full WKB parse only otherwise.
    /// </summary>
    /// <param name="blob">A GeoPackageBinary blob.</param>
    /// <returns>The bounding box, or null when the geometry is empty.</returns>
    /// <exception cref="FormatException">The blob is not a valid standard GeoPackage geometry.</exception>
    public static GpkgEnvelope? ReadEnvelope(ReadOnlySpan<byte> blob)
    {
        var header = ReadHeader(blob);
        if (header.IsEmpty)
        {
            return null;
        }

        if (header.Envelope is { } fromHeader)
        {
            return fromHeader;
        }

        var body = blob[header.Length..];
        if (TryReadPointXY(body, out var x, out var y))
        {
            return double.IsNaN(x) && double.IsNaN(y) ? null : new GpkgEnvelope(x, y, x, y);
        }

        var envelope = ReadBody(body.ToArray(), 0).EnvelopeInternal;
        return envelope.IsNull ? null : GpkgEnvelope.FromEnvelope(envelope);
    }

    /// <summary>Whether a blob holds an empty geometry: the header's empty flag, or, without an envelope, an empty body.</summary>
    /// <param name="blob">A GeoPackageBinary blob.</param>
    /// <returns>True when the geometry is empty.</returns>
    /// <exception cref="FormatException">The blob is not a valid standard GeoPackage geometry.</exception>
    public static bool IsEmpty(ReadOnlySpan<byte> blob) => ReadEnvelope(blob) is null;

    /// <summary>
    /// The X and Y of a non-empty 2D point in a GeoPackage blob (any byte order, with or without envelope), read from
    /// the bytes without building a geometry (the hot path of exports).
    /// </summary>
    /// <param name="blob">A GeoPackageBinary blob.</param>
    /// <param name="x">X (longitude) when the method returns true.</param>
    /// <param name="y">Y (latitude) when the method returns true.</param>
    /// <returns>True for a standard blob holding a WKB Point (type 1) with finite coordinates; false otherwise (other types, empty, Z/M, extended).</returns>
    public static bool TryReadPoint(ReadOnlySpan<byte> blob, out double x, out double y)
    {
        x = y = double.NaN;
        if (blob.Length < 8 || blob[0] != (byte)'G' || blob[1] != (byte)'P' || (blob[3] & 0x30) != 0)
        {
            return false;
        }

        var envelope = ((blob[3] >> 1) & 0x07) switch
        {
            0 => 0,
            1 => 32,
            2 or 3 => 48,
            4 => 64,
            _ => -1,
        };
        if (envelope < 0)
        {
            return false;
        }

        var wkb = blob[(8 + envelope)..];
        if (wkb.Length < 21 || wkb[0] > 1)
        {
            return false;
        }

        var little = wkb[0] == 1;
        var type = little ? BinaryPrimitives.ReadUInt32LittleEndian(wkb[1..]) : BinaryPrimitives.ReadUInt32BigEndian(wkb[1..]);
        if (type != 1)
        {
            return false;
        }

        x = little ? BinaryPrimitives.ReadDoubleLittleEndian(wkb[5..]) : BinaryPrimitives.ReadDoubleBigEndian(wkb[5..]);
        y = little ? BinaryPrimitives.ReadDoubleLittleEndian(wkb[13..]) : BinaryPrimitives.ReadDoubleBigEndian(wkb[13..]);
        return double.IsFinite(x) && double.IsFinite(y);
    }

    private static byte[] WriteEmpty(Geometry geometry)
    {
        var body = geometry is Point
            ? EmptyPointBody()
            : new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry);
        var blob = new byte[MinimumHeaderLength + body.Length];
        WriteFixedHeader(blob, EmptyFlags, geometry.SRID);
        body.CopyTo(blob, MinimumHeaderLength);
        return blob;
    }

    private static byte[] EmptyPointBody()
    {
        var body = new byte[21];
        body[0] = 0x01;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(1), 1);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(5), QuietNaNBits);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(13), QuietNaNBits);
        return body;
    }

    private static void WriteFixedHeader(byte[] blob, byte flags, int srsId)
    {
        blob[0] = (byte)'G';
        blob[1] = (byte)'P';
        blob[2] = 0;
        blob[3] = flags;
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(4), srsId);
    }

    private static Geometry ReadBody(byte[] blob, int offset)
    {
        try
        {
            using var stream = new MemoryStream(blob, offset, blob.Length - offset, writable: false);
            return new WKBReader(NtsGeometryServices.Instance).Read(stream);
        }
        catch (Exception e) when (e is ParseException or EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"GeoPackage geometry has an invalid WKB body: {e.Message}", e);
        }
    }

    // The coordinate sequences are reused, not copied: the parsed geometry is private to Read and discarded.
    private static Geometry Rehome(Geometry geometry, GeometryFactory factory) => geometry switch
    {
        Point point => factory.CreatePoint(point.CoordinateSequence),
        LinearRing ring => factory.CreateLinearRing(ring.CoordinateSequence),
        LineString line => factory.CreateLineString(line.CoordinateSequence),
        Polygon polygon => polygon.IsEmpty
            ? factory.CreatePolygon()
            : factory.CreatePolygon((LinearRing)Rehome(polygon.Shell, factory), [.. polygon.Holes.Select(h => (LinearRing)Rehome(h, factory))]),
        MultiPoint multi => factory.CreateMultiPoint([.. Parts(multi).Select(p => (Point)Rehome(p, factory))]),
        MultiLineString multi => factory.CreateMultiLineString([.. Parts(multi).Select(p => (LineString)Rehome(p, factory))]),
        MultiPolygon multi => factory.CreateMultiPolygon([.. Parts(multi).Select(p => (Polygon)Rehome(p, factory))]),
        GeometryCollection collection => factory.CreateGeometryCollection([.. Parts(collection).Select(p => Rehome(p, factory))]),
        _ => throw new FormatException($"unsupported geometry type {geometry.GeometryType}"),
    };

    private static IEnumerable<Geometry> Parts(GeometryCollection collection)
    {
        for (var i = 0; i < collection.NumGeometries; i++)
        {
            yield return collection.GetGeometryN(i);
        }
    }

    // A WKB point (ISO codes 1, 1001, 2001, 3001) read directly: byte order, type, X, Y.
    private static bool TryReadPointXY(ReadOnlySpan<byte> wkb, out double x, out double y)
    {
        x = y = double.NaN;
        if (wkb.Length < 21 || wkb[0] > 1)
        {
            return false;
        }

        var littleEndian = wkb[0] == 1;
        var type = littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(wkb[1..]) : BinaryPrimitives.ReadUInt32BigEndian(wkb[1..]);
        if (type is not (1 or 1001 or 2001 or 3001))
        {
            return false;
        }

        x = ReadDouble(wkb[5..], littleEndian);
        y = ReadDouble(wkb[13..], littleEndian);
        return true;
    }

    private static double ReadDouble(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleBigEndian(bytes);

    private sealed class FiniteCoordinatesFilter : ICoordinateSequenceFilter
    {
        public int OffendingIndex { get; private set; } = -1;

        public bool Done => OffendingIndex >= 0;

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq, int i)
        {
            if (!double.IsFinite(seq.GetX(i)) || !double.IsFinite(seq.GetY(i)))
            {
                OffendingIndex = i;
            }
        }
    }
}
