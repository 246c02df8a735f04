using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.GeoPackage;

/// <summary>The geometry type name of a feature table's geometry column (GeoPackage 1.3, Annex E, core types).</summary>
public enum GpkgGeometryType
{
    /// <summary><c>GEOMETRY</c>: any geometry.</summary>
    Geometry,

    /// <summary><c>POINT</c>.</summary>
    Point,

    /// <summary><c>LINESTRING</c>.</summary>
    LineString,

    /// <summary><c>POLYGON</c>.</summary>
    Polygon,

    /// <summary><c>MULTIPOINT</c>.</summary>
    MultiPoint,

    /// <summary><c>MULTILINESTRING</c>.</summary>
    MultiLineString,

    /// <summary><c>MULTIPOLYGON</c>.</summary>
    MultiPolygon,

    /// <summary><c>GEOMETRYCOLLECTION</c>: a collection, including the MULTI types.</summary>
    GeometryCollection,
}

/// <summary>
/// A user table of a GeoPackage: its name, integer primary key, columns and secondary indexes, and how it is listed in
/// <c>gpkg_contents</c>. Created (idempotently) by <see cref="GpkgSchema.EnsureTable"/>.
/// </summary>
public abstract class GpkgTable
{
    private protected GpkgTable(string name, IEnumerable<GpkgColumn> columns, string fidColumn, IEnumerable<GpkgIndex>? indexes,
        string? identifier, string? description, IEnumerable<string> otherColumnNames)
    {
        Name = GpkgIdentifier.ValidateTableName(name, nameof(name));
        FidColumn = GpkgIdentifier.Validate(fidColumn, nameof(fidColumn));
        ArgumentNullException.ThrowIfNull(columns);
        Columns = [.. columns];
        Indexes = indexes is null ? [] : [.. indexes];
        Identifier = string.IsNullOrWhiteSpace(identifier) ? name : identifier;
        Description = description ?? string.Empty;

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reserved in otherColumnNames.Prepend(FidColumn))
        {
            if (!names.Add(reserved))
            {
                throw new ArgumentException($"table '{name}': column name '{reserved}' is used twice", nameof(columns));
            }
        }

        foreach (var column in Columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"table '{name}': column name '{column.Name}' is used twice (names are case-insensitive)", nameof(columns));
            }

            if (column.Default is { } d && !d.CompatibleTypes.Contains(column.Type))
            {
                throw new ArgumentException($"table '{name}': default {d.Sql} does not suit column '{column.Name}' of type {column.Type}", nameof(columns));
            }
        }

        var indexNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var index in Indexes)
        {
            ArgumentNullException.ThrowIfNull(index, nameof(indexes));
            if (!indexNames.Add(index.Name))
            {
                throw new ArgumentException($"table '{name}': index name '{index.Name}' is used twice", nameof(indexes));
            }

            foreach (var column in index.Columns.Where(c => !names.Contains(c)))
            {
                throw new ArgumentException($"table '{name}': index '{index.Name}' names unknown column '{column}'", nameof(indexes));
            }
        }
    }

    /// <summary>The table name (a plain SQL name, not starting with gpkg_, rtree_ or sqlite_).</summary>
    public string Name { get; }

    /// <summary>The <c>INTEGER PRIMARY KEY AUTOINCREMENT</c> column (GeoPackage requires one; fids are never reused).</summary>
    public string FidColumn { get; }

    /// <summary>The other columns, in table order.</summary>
    public IReadOnlyList<GpkgColumn> Columns { get; }

    /// <summary>Secondary indexes.</summary>
    public IReadOnlyList<GpkgIndex> Indexes { get; }

    /// <summary><c>gpkg_contents.identifier</c>: the layer title GDAL and QGIS show (unique in the file; the table name by default).</summary>
    public string Identifier { get; }

    /// <summary><c>gpkg_contents.description</c>.</summary>
    public string Description { get; }

    /// <summary><c>gpkg_contents.data_type</c>: <c>features</c> or <c>attributes</c>.</summary>
    public abstract string DataType { get; }
}

/// <summary>
/// A feature table: a user table with one geometry column in EPSG:4326, listed in <c>gpkg_contents</c> (features),
/// <c>gpkg_geometry_columns</c> and, with its R-tree <c>rtree_&lt;table&gt;_&lt;column&gt;</c> and six triggers,
/// in <c>gpkg_extensions</c> (gpkg_rtree_index).
/// </summary>
public sealed class GpkgFeatureTable : GpkgTable
{
    /// <summary>Declares a feature table.</summary>
    /// <param name="name">Table name (a plain SQL name, not starting with gpkg_, rtree_ or sqlite_).</param>
    /// <param name="geometryType">Declared geometry type of the geometry column.</param>
    /// <param name="columns">The other columns.</param>
    /// <param name="geometryColumn">Geometry column name (default <c>geom</c>, as GDAL names it).</param>
    /// <param name="fidColumn">Integer primary key column name (default <c>fid</c>, as GDAL names it).</param>
    /// <param name="geometryNotNull">Whether the geometry column is NOT NULL (default: nullable, e.g. an unlocated incident).</param>
    /// <param name="indexes">Secondary indexes, or null.</param>
    /// <param name="identifier">Layer title (default: the table name).</param>
    /// <param name="description">Layer description, or null.</param>
    /// <exception cref="ArgumentException">A name is invalid or repeated, a default does not suit its column, or an index names an unknown column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="geometryType"/> is not a defined value.</exception>
    public GpkgFeatureTable(string name, GpkgGeometryType geometryType, IEnumerable<GpkgColumn> columns, string geometryColumn = "geom",
        string fidColumn = "fid", bool geometryNotNull = false, IEnumerable<GpkgIndex>? indexes = null, string? identifier = null,
        string? description = null)
        : base(name, columns, fidColumn, indexes, identifier, description, [GpkgIdentifier.Validate(geometryColumn, nameof(geometryColumn))])
    {
        if (!Enum.IsDefined(geometryType))
        {
            throw new ArgumentOutOfRangeException(nameof(geometryType), geometryType, "unknown geometry type");
        }

        GeometryColumn = geometryColumn;
        GeometryType = geometryType;
        GeometryNotNull = geometryNotNull;
        RTreeName = GpkgIdentifier.Validate($"rtree_{name}_{geometryColumn}", nameof(name));
    }

    /// <summary>The geometry column.</summary>
    public string GeometryColumn { get; }

    /// <summary>The declared geometry type.</summary>
    public GpkgGeometryType GeometryType { get; }

    /// <summary>The GeoPackage type name of <see cref="GeometryType"/> (POINT, MULTIPOLYGON, ...).</summary>
    public string GeometryTypeName => TypeName(GeometryType);

    /// <summary>Whether the geometry column is NOT NULL.</summary>
    public bool GeometryNotNull { get; }

    /// <summary>The srs_id of the geometry column: always EPSG:4326 (<see cref="GpkgFile.Wgs84SrsId"/>).</summary>
    public int SrsId => GpkgFile.Wgs84SrsId;

    /// <summary>The R-tree virtual table: <c>rtree_&lt;table&gt;_&lt;geometry column&gt;</c>.</summary>
    public string RTreeName { get; }

    /// <inheritdoc />
    public override string DataType => "features";

    /// <summary>
    /// Checks that a geometry may be stored in this table's geometry column: SRID 4326 and the declared type (a
    /// GEOMETRYCOLLECTION column takes the MULTI types too, GEOMETRY takes anything). Null passes unless the column
    /// is NOT NULL. Call it before writing; SQLite itself does not check geometry types.
    /// </summary>
    /// <param name="geometry">The geometry or null.</param>
    /// <exception cref="ArgumentException">The geometry does not fit the column.</exception>
    public void EnsureAcceptable(Geometry? geometry)
    {
        if (geometry is null)
        {
            if (GeometryNotNull)
            {
                throw new ArgumentException($"{Name}.{GeometryColumn} is NOT NULL", nameof(geometry));
            }

            return;
        }

        if (geometry.SRID != SrsId)
        {
            throw new ArgumentException($"{Name}.{GeometryColumn} holds SRID {SrsId}, got a geometry with SRID {geometry.SRID}", nameof(geometry));
        }

        var fits = GeometryType switch
        {
            GpkgGeometryType.Geometry => true,
            GpkgGeometryType.Point => geometry is Point,
            GpkgGeometryType.LineString => geometry is LineString,
            GpkgGeometryType.Polygon => geometry is Polygon,
            GpkgGeometryType.MultiPoint => geometry is MultiPoint,
            GpkgGeometryType.MultiLineString => geometry is MultiLineString,
            GpkgGeometryType.MultiPolygon => geometry is MultiPolygon,
            GpkgGeometryType.GeometryCollection => geometry is GeometryCollection,
            _ => false,
        };
        if (!fits)
        {
            throw new ArgumentException($"{Name}.{GeometryColumn} holds {GeometryTypeName}, got a {geometry.GeometryType}", nameof(geometry));
        }
    }

    /// <summary>The GeoPackage type name of a geometry type.</summary>
    /// <param name="geometryType">The type.</param>
    /// <returns>POINT, LINESTRING, ..., GEOMETRY.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown value.</exception>
    public static string TypeName(GpkgGeometryType geometryType) => geometryType switch
    {
        GpkgGeometryType.Geometry => "GEOMETRY",
        GpkgGeometryType.Point => "POINT",
        GpkgGeometryType.LineString => "LINESTRING",
        GpkgGeometryType.Polygon => "POLYGON",
        GpkgGeometryType.MultiPoint => "MULTIPOINT",
        GpkgGeometryType.MultiLineString => "MULTILINESTRING",
        GpkgGeometryType.MultiPolygon => "MULTIPOLYGON",
        GpkgGeometryType.GeometryCollection => "GEOMETRYCOLLECTION",
        _ => throw new ArgumentOutOfRangeException(nameof(geometryType), geometryType, "unknown geometry type"),
    };
}

/// <summary>An attribute table: a user table without geometry, listed in <c>gpkg_contents</c> with data_type <c>attributes</c>.</summary>
public sealed class GpkgAttributeTable : GpkgTable
{
    /// <summary>Declares an attribute table.</summary>
    /// <param name="name">Table name (a plain SQL name, not starting with gpkg_, rtree_ or sqlite_).</param>
    /// <param name="columns">The columns besides the fid.</param>
    /// <param name="fidColumn">Integer primary key column name (default <c>fid</c>).</param>
    /// <param name="indexes">Secondary indexes, or null.</param>
    /// <param name="identifier">Title (default: the table name).</param>
    /// <param name="description">Description, or null.</param>
    /// <exception cref="ArgumentException">A name is invalid or repeated, a default does not suit its column, or an index names an unknown column.</exception>
    public GpkgAttributeTable(string name, IEnumerable<GpkgColumn> columns, string fidColumn = "fid", IEnumerable<GpkgIndex>? indexes = null,
        string? identifier = null, string? description = null)
        : base(name, columns, fidColumn, indexes, identifier, description, [])
    {
    }

    /// <inheritdoc />
    public override string DataType => "attributes";
}
