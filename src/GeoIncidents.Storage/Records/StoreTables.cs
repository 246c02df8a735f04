using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GeoPackage;
using NetTopologySuite.Features;

namespace GeoIncidents.Storage.Records;

/// <summary>The data type of a record column (mapped per backend: GeoPackage type names, PostgreSQL types).</summary>
internal enum ColumnKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>64-bit integer.</summary>
    Integer,

    /// <summary>Double.</summary>
    Real,

    /// <summary>Boolean.</summary>
    Boolean,

    /// <summary>Calendar date (<see cref="DateOnly"/>).</summary>
    Date,

    /// <summary>JSON text (arrays and objects of the GeoJSON properties).</summary>
    Json,
}

/// <summary>A record column: its name is the record's GeoJSON property name.</summary>
/// <param name="Name">Column and property name.</param>
/// <param name="Kind">Data type.</param>
internal sealed record StoreColumn(string Name, ColumnKind Kind)
{
    /// <summary>The CLR type of the EF Core indexer property.</summary>
    public Type ClrType => Kind switch
    {
        ColumnKind.Text or ColumnKind.Json => typeof(string),
        ColumnKind.Integer => typeof(long?),
        ColumnKind.Real => typeof(double?),
        ColumnKind.Boolean => typeof(bool?),
        ColumnKind.Date => typeof(DateOnly?),
        _ => throw new InvalidOperationException($"unknown column kind {Kind}"),
    };
}

/// <summary>
/// One table of the store: the collection, the row type, the geometry type (feature tables), the record's columns
/// (named and ordered as the record's GeoJSON properties, so GDAL, QGIS and <c>ogr2ogr -append</c> see the same field
/// names as the API), which derived columns it has, and how records map to and from GeoJSON features.
/// </summary>
internal sealed class StoreTable
{
    public required StoreCollection Collection { get; init; }

    public required Type RowType { get; init; }

    /// <summary>The geometry column's type for feature tables, null for attribute tables.</summary>
    public GpkgGeometryType? GeometryType { get; init; }

    public required IReadOnlyList<StoreColumn> Columns { get; init; }

    /// <summary>Has <c>time_start</c>/<c>time_end</c> (a datetime filter applies).</summary>
    public bool Temporal { get; init; }

    /// <summary>Ordered by (time_start, id) rather than id.</summary>
    public bool OrderedByTime { get; init; }

    /// <summary>Has <c>search_text</c> (a text filter applies).</summary>
    public bool Searchable { get; init; }

    /// <summary>The record's GeoJSON carries <c>revision</c> and <c>updated</c> (incidents, claims).</summary>
    public bool RevisionInProperties { get; init; }

    /// <summary>Maps a record to a GeoJSON feature (the mapper's <c>ToFeature</c>).</summary>
    public required Func<object, IFeature> ToFeature { get; init; }

    /// <summary>Reads a GeoJSON feature back into a record (the mapper's <c>Read</c>).</summary>
    public required Func<JsonElement, (object? Value, IReadOnlyList<FeatureError> Errors)> Read { get; init; }

    public string Name => Collection.TableName();

    public bool IsFeature => GeometryType is not null;

    public StoreColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>The store's tables, one per <see cref="StoreCollection"/>.</summary>
internal static class StoreTables
{
    private static readonly StoreColumn[] LocationPrecision =
    [
        new("location_precision_m", ColumnKind.Real), new("location_precision_scheme", ColumnKind.Text), new("location_precision_code", ColumnKind.Integer),
    ];

    private static readonly StoreColumn[] Accuracy =
    [
        new("accuracy_median_m", ColumnKind.Real), new("accuracy_p95_m", ColumnKind.Real), new("accuracy_max_m", ColumnKind.Real),
        new("accuracy_assumed", ColumnKind.Boolean), new("accuracy_note", ColumnKind.Text),
    ];

    public static StoreTable Incidents { get; } = new()
    {
        Collection = StoreCollection.Incidents,
        RowType = typeof(IncidentRow),
        GeometryType = GpkgGeometryType.Geometry,
        Columns =
        [
            Text("title"), Text("type"), Text("status"), Text("occurred"), Text("occurred_precision"), Text("description"),
            .. LocationPrecision, Text("admin1"), Json("tags"), Json("sources"), Json("warnings"),
        ],
        Temporal = true,
        OrderedByTime = true,
        Searchable = true,
        RevisionInProperties = true,
        ToFeature = r => ModelFeatures.Incidents.ToFeature((Incident)r, embedClaims: false),
        Read = e => Unwrap(ModelFeatures.Incidents.Read(e)),
    };

    public static StoreTable Claims { get; } = new()
    {
        Collection = StoreCollection.Claims,
        RowType = typeof(ClaimRow),
        GeometryType = GpkgGeometryType.Geometry,
        Columns =
        [
            Text("incident"), Text("claimant"), Text("asserted"), Text("occurred"), Text("occurred_precision"), Date("stated_on"),
            .. LocationPrecision, Json("displacement"), Json("derivation"), Json("sources"), Json("warnings"),
        ],
        Temporal = true,
        OrderedByTime = true,
        Searchable = true,
        RevisionInProperties = true,
        ToFeature = r => ModelFeatures.Claims.ToFeature((Claim)r),
        Read = e => Unwrap(ModelFeatures.Claims.Read(e)),
    };

    public static StoreTable Regions { get; } = new()
    {
        Collection = StoreCollection.Regions,
        RowType = typeof(RegionRow),
        GeometryType = GpkgGeometryType.MultiPolygon,
        Columns = [Text("kind"), Text("name"), Text("name_local"), Text("iso_3166"), Text("country"), Text("source"), Text("licence"), .. Accuracy],
        ToFeature = r => ModelFeatures.Regions.ToFeature((Region)r),
        Read = e => Unwrap(ModelFeatures.Regions.Read(e)),
    };

    public static StoreTable ReferenceLines { get; } = new()
    {
        Collection = StoreCollection.ReferenceLines,
        RowType = typeof(ReferenceLineRow),
        GeometryType = GpkgGeometryType.MultiLineString,
        Columns =
        [
            Text("name"), Text("left_country"), Text("right_country"), Date("valid_from"), Date("valid_to"), Text("as_of"), Text("source"),
            Text("licence"), Text("attribution"), .. Accuracy, Json("parts"),
        ],
        Temporal = true,
        ToFeature = r => ModelFeatures.ReferenceLines.ToFeature((ReferenceLine)r),
        Read = e => Unwrap(ModelFeatures.ReferenceLines.Read(e)),
    };

    public static StoreTable Zones { get; } = new()
    {
        Collection = StoreCollection.Zones,
        RowType = typeof(ZoneRow),
        GeometryType = GpkgGeometryType.Geometry,
        Columns =
        [
            Text("name"), Text("kind"), Text("controlled_by"), Date("valid_from"), Date("valid_to"), Json("derivation"), Real("uncertainty_m"),
            Text("uncertainty_reasoning"), Json("sources"), Text("note"),
        ],
        Temporal = true,
        ToFeature = r => ModelFeatures.Zones.ToFeature((Zone)r),
        Read = e => Unwrap(ModelFeatures.Zones.Read(e)),
    };

    public static StoreTable Places { get; } = new()
    {
        Collection = StoreCollection.Places,
        RowType = typeof(PlaceRow),
        GeometryType = GpkgGeometryType.Point,
        Columns =
        [
            Text("name"), Text("source_name"), Text("name_hy"), Text("name_az"), Text("name_ru"), Json("alternates"), Text("feature_type"),
            Text("country"), Text("ne_admin1_containing"), Text("source"), Text("source_ref"), Integer("geonames_id"), Integer("wof_id"), Text("note"),
        ],
        ToFeature = r => ModelFeatures.Places.ToFeature((Place)r),
        Read = e => Unwrap(ModelFeatures.Places.Read(e)),
    };

    public static StoreTable Parties { get; } = new()
    {
        Collection = StoreCollection.Parties,
        RowType = typeof(PartyRow),
        Columns = [Text("name"), Text("country"), Text("description")],
        ToFeature = r => ModelFeatures.Parties.ToFeature((Party)r),
        Read = e => Unwrap(ModelFeatures.Parties.Read(e)),
    };

    public static StoreTable Sources { get; } = new()
    {
        Collection = StoreCollection.Sources,
        RowType = typeof(SourceRow),
        Columns = [Text("publisher"), Text("title"), Text("url"), Date("published"), Text("language"), Text("quote")],
        ToFeature = r => ModelFeatures.Sources.ToFeature((Source)r),
        Read = e => Unwrap(ModelFeatures.Sources.Read(e)),
    };

    public static StoreTable ControlEvents { get; } = new()
    {
        Collection = StoreCollection.ControlEvents,
        RowType = typeof(ControlEventRow),
        Columns =
        [
            Text("subject"), Text("subject_kind"), Text("from_party"), Text("to_party"), Date("effective"), Date("planned"), Text("note"), Json("sources"),
        ],
        Temporal = true,
        ToFeature = r => ModelFeatures.ControlEvents.ToFeature((ControlEvent)r),
        Read = e => Unwrap(ModelFeatures.ControlEvents.Read(e)),
    };

    public static StoreTable ApiKeys { get; } = new()
    {
        Collection = StoreCollection.ApiKeys,
        RowType = typeof(ApiKeyRow),
        Columns = [Text("name"), Text("role"), Text("secret_sha256")],
        ToFeature = r => ApiKeyFeature((ApiKey)r),
        Read = ReadApiKey,
    };

    /// <summary>Every table, in <see cref="StoreCollections.All"/> order.</summary>
    public static IReadOnlyList<StoreTable> All { get; } = [Incidents, Claims, Regions, ReferenceLines, Zones, Places, Parties, Sources, ControlEvents, ApiKeys];

    public static StoreTable Of(StoreCollection collection) => All[(int)collection];

    public static StoreTable Of(Type rowType) => All.First(t => t.RowType == rowType);

    private static StoreColumn Text(string name) => new(name, ColumnKind.Text);

    private static StoreColumn Json(string name) => new(name, ColumnKind.Json);

    private static StoreColumn Real(string name) => new(name, ColumnKind.Real);

    private static StoreColumn Integer(string name) => new(name, ColumnKind.Integer);

    private static StoreColumn Date(string name) => new(name, ColumnKind.Date);

    private static (object? Value, IReadOnlyList<FeatureError> Errors) Unwrap<T>(FeatureReadResult<T> result)
        where T : class => (result.IsValid ? result.Value : null, result.Errors);

    private static Feature ApiKeyFeature(ApiKey key) => new(null, new AttributesTable
    {
        { "id", key.Id }, { "name", key.Name }, { "role", WireNames.Of(key.Role) }, { "secret_sha256", key.SecretSha256 },
    });

    private static (object? Value, IReadOnlyList<FeatureError> Errors) ReadApiKey(JsonElement feature)
    {
        try
        {
            var p = feature.GetProperty("properties");
            var role = p.GetProperty("role").GetString();
            if (!WireNames.TryParse<ApiKeyRole>(role, out var parsed))
            {
                return (null, [new FeatureError(1, "properties.role", $"unknown role '{role}'", "unknown-value")]);
            }

            return (ApiKey.Create(feature.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!, parsed, p.GetProperty("secret_sha256").GetString()!), []);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return (null, [new FeatureError(1, string.Empty, "not a valid API key row: " + ex.Message, "invalid-format")]);
        }
    }
}
