namespace GeoIncidents.Storage.GeoPackage;

/// <summary>Which envelope a GeoPackage geometry header carries (the 3-bit "E" code of the flags byte).</summary>
public enum GpkgEnvelopeKind
{
    /// <summary>Code 0: no envelope (0 bytes).</summary>
    None = 0,

    /// <summary>Code 1: min X, max X, min Y, max Y (32 bytes).</summary>
    XY = 1,

    /// <summary>Code 2: XY plus min Z, max Z (48 bytes).</summary>
    XYZ = 2,

    /// <summary>Code 3: XY plus min M, max M (48 bytes).</summary>
    XYM = 3,

    /// <summary>Code 4: XY plus Z and M ranges (64 bytes).</summary>
    XYZM = 4,
}

/// <summary>
/// The decoded header of a GeoPackage geometry blob (GeoPackage 1.3, clause 2.1.3 "GeoPackageBinary"):
/// magic "GP", version, flags, srs_id, optional envelope. Read with <see cref="GpkgBlob.ReadHeader"/>.
/// </summary>
/// <param name="Version">Format version byte; 0 means GeoPackage version 1 of the blob format.</param>
/// <param name="Flags">The raw flags byte (bit 0 byte order, bits 1-3 envelope code, bit 4 empty, bit 5 extended).</param>
/// <param name="SrsId">The srs_id of the geometry (for this project 4326).</param>
/// <param name="EnvelopeKind">Which envelope follows the srs_id.</param>
/// <param name="Envelope">The XY part of the envelope, or null when none is stored (or it is the NaN envelope of an empty geometry).</param>
/// <param name="Length">Header length in bytes (8 plus the envelope); the WKB body starts there.</param>
public readonly record struct GpkgBlobHeader(byte Version, byte Flags, int SrsId, GpkgEnvelopeKind EnvelopeKind, GpkgEnvelope? Envelope, int Length)
{
    /// <summary>True when header values (srs_id, envelope) are little-endian (flags bit 0).</summary>
    public bool IsLittleEndian => (Flags & 0x01) != 0;

    /// <summary>True when the writer flagged the geometry as empty (flags bit 4).</summary>
    public bool IsEmpty => (Flags & 0x10) != 0;

    /// <summary>True for ExtendedGeoPackageBinary (flags bit 5), which this project does not read.</summary>
    public bool IsExtended => (Flags & 0x20) != 0;
}
