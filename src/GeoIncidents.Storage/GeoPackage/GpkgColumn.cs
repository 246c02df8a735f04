using System.Globalization;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// The data type of a non-geometry column, written as the GeoPackage type name (clause 1.1.1.1.3, Table 1) that GDAL
/// maps to its field types.
/// </summary>
public enum GpkgColumnType
{
    /// <summary><c>TEXT</c>, UTF-8 (GDAL: String).</summary>
    Text,

    /// <summary><c>INTEGER</c>, 64-bit signed (GDAL: Integer64).</summary>
    Integer,

    /// <summary><c>REAL</c>, IEEE 754 double (GDAL: Real).</summary>
    Real,

    /// <summary><c>BOOLEAN</c>, stored 0 or 1 and checked (GDAL: Integer(Boolean)).</summary>
    Boolean,

    /// <summary><c>DATE</c>, text <c>YYYY-MM-DD</c> (GDAL: Date); see <see cref="GpkgDateTime"/>.</summary>
    Date,

    /// <summary><c>DATETIME</c>, text <c>YYYY-MM-DDTHH:MM:SS.SSSZ</c> in UTC (GDAL: DateTime); see <see cref="GpkgDateTime"/>.</summary>
    DateTime,

    /// <summary>JSON stored as <c>TEXT</c>, checked with <c>json_valid</c> and declared <c>application/json</c> in <c>gpkg_data_columns</c> (GDAL: String(JSON)).</summary>
    Json,

    /// <summary><c>BLOB</c> (GDAL: Binary).</summary>
    Blob,
}

/// <summary>A column default, as a typed SQL literal.</summary>
public sealed class GpkgDefault
{
    private GpkgDefault(string sql, params GpkgColumnType[] compatibleTypes)
    {
        Sql = sql;
        CompatibleTypes = compatibleTypes;
    }

    /// <summary>The literal as it appears after DEFAULT in the table definition.</summary>
    public string Sql { get; }

    internal IReadOnlyList<GpkgColumnType> CompatibleTypes { get; }

    /// <summary>A text default (for TEXT columns).</summary>
    /// <param name="value">The text; quotes are escaped.</param>
    /// <returns>The default.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static GpkgDefault Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new GpkgDefault("'" + value.Replace("'", "''", StringComparison.Ordinal) + "'", GpkgColumnType.Text);
    }

    /// <summary>An integer default (for INTEGER or REAL columns).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The default.</returns>
    public static GpkgDefault Integer(long value) =>
        new(value.ToString(CultureInfo.InvariantCulture), GpkgColumnType.Integer, GpkgColumnType.Real);

    /// <summary>A real default (for REAL columns).</summary>
    /// <param name="value">A finite value.</param>
    /// <returns>The default.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static GpkgDefault Real(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a REAL default must be finite");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            text += ".0";
        }

        return new GpkgDefault(text, GpkgColumnType.Real);
    }

    /// <summary>A boolean default (for BOOLEAN columns): 1 or 0.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The default.</returns>
    public static GpkgDefault Boolean(bool value) => new(value ? "1" : "0", GpkgColumnType.Boolean);
}

/// <summary>A non-geometry column of a GeoPackage user table.</summary>
public sealed record GpkgColumn
{
    /// <summary>Declares a column.</summary>
    /// <param name="name">Name: a letter or '_' then letters, digits, '_' (at most 63 characters).</param>
    /// <param name="type">Data type.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a plain SQL name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public GpkgColumn(string name, GpkgColumnType type)
    {
        Name = GpkgIdentifier.Validate(name, nameof(name));
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type");
        }

        Type = type;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The data type.</summary>
    public GpkgColumnType Type { get; }

    /// <summary>NOT NULL constraint.</summary>
    public bool NotNull { get; init; }

    /// <summary>UNIQUE constraint.</summary>
    public bool Unique { get; init; }

    /// <summary>Default value, or null for none; must suit <see cref="Type"/> (checked when the table is declared).</summary>
    public GpkgDefault? Default { get; init; }

    /// <summary>Human-readable description, written to <c>gpkg_data_columns.description</c> (the gpkg_schema extension), or null.</summary>
    public string? Description { get; init; }

    /// <summary>The GeoPackage SQL type name for <see cref="Type"/>.</summary>
    public string SqlType => Type switch
    {
        GpkgColumnType.Text or GpkgColumnType.Json => "TEXT",
        GpkgColumnType.Integer => "INTEGER",
        GpkgColumnType.Real => "REAL",
        GpkgColumnType.Boolean => "BOOLEAN",
        GpkgColumnType.Date => "DATE",
        GpkgColumnType.DateTime => "DATETIME",
        GpkgColumnType.Blob => "BLOB",
        _ => throw new InvalidOperationException($"unknown column type {Type}"),
    };
}

/// <summary>A secondary index on columns of a user table.</summary>
public sealed record GpkgIndex
{
    /// <summary>Declares an index.</summary>
    /// <param name="name">Index name, unique in the file (a plain SQL name).</param>
    /// <param name="columns">One or more column names of the table, in index order.</param>
    /// <exception cref="ArgumentException">A name is not a plain SQL name, or no column is given, or a column repeats.</exception>
    public GpkgIndex(string name, params string[] columns)
    {
        Name = GpkgIdentifier.Validate(name, nameof(name));
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException($"index '{name}' needs at least one column", nameof(columns));
        }

        foreach (var column in columns)
        {
            GpkgIdentifier.Validate(column, nameof(columns));
        }

        if (columns.Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Length)
        {
            throw new ArgumentException($"index '{name}' lists a column twice", nameof(columns));
        }

        Columns = [.. columns];
    }

    /// <summary>The index name.</summary>
    public string Name { get; }

    /// <summary>The indexed columns, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>UNIQUE index.</summary>
    public bool Unique { get; init; }

    /// <summary>
    /// The condition of a partial index (SQL written by this program, never user input: e.g. <c>"created" IS NULL</c>),
    /// or null for an index over every row. SQLite uses a partial index for a query whose WHERE clause contains the same
    /// term.
    /// </summary>
    public string? Where { get; init; }
}
