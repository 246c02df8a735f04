using Microsoft.Data.Sqlite;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// The SQL functions the GeoPackage R-tree triggers call (GeoPackage 1.3, Annex F.3, "GeoPackage SQLite Extension"):
/// <c>ST_IsEmpty</c>, <c>ST_MinX</c>, <c>ST_MaxX</c>, <c>ST_MinY</c>, <c>ST_MaxY</c>. SQLite has none of them, so every
/// connection that writes a feature table must register them (<see cref="GpkgConnection.Open"/> and
/// <see cref="GpkgConnectionInterceptor"/> do); without them an INSERT fails with "no such function: ST_IsEmpty".
/// They read the blob header only (see <see cref="GpkgBlob.ReadEnvelope"/>), are deterministic, return NULL for a
/// NULL argument and raise an SQLite error (failing the statement) for a value that is not a GeoPackage geometry.
/// </summary>
public static class GpkgSqlFunctions
{
    /// <summary>The names registered by <see cref="Register"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"];

    /// <summary>Registers the functions on a connection (open or not; Microsoft.Data.Sqlite re-applies them on open).</summary>
    /// <param name="connection">The connection.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // ST_IsEmpty: 1 empty, 0 not empty, NULL for NULL (Annex F.3).
        connection.CreateFunction<byte[]?, bool?>("ST_IsEmpty", blob => blob is null ? null : GpkgBlob.IsEmpty(blob), isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MinX", blob => Envelope(blob)?.MinX, isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MaxX", blob => Envelope(blob)?.MaxX, isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MinY", blob => Envelope(blob)?.MinY, isDeterministic: true);
        connection.CreateFunction<byte[]?, double?>("ST_MaxY", blob => Envelope(blob)?.MaxY, isDeterministic: true);
    }

    private static GpkgEnvelope? Envelope(byte[]? blob) => blob is null ? null : GpkgBlob.ReadEnvelope(blob);
}
