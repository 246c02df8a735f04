using System.Buffers;
using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Records;

/// <summary>The content of a row: id, geometry and the record's column values (by column index of its table).</summary>
internal sealed class RowImage
{
    public RowImage(string id, Geometry? geometry, object?[] values)
    {
        Id = id;
        Geometry = geometry;
        Values = values;
    }

    public string Id { get; }

    public Geometry? Geometry { get; }

    public object?[] Values { get; }

    /// <summary>True when <see cref="SearchText"/> was computed ahead (on a batch's encoding thread).</summary>
    public bool HasSearchText { get; private set; }

    /// <summary>The record's own search text when <see cref="HasSearchText"/>.</summary>
    public string? SearchText { get; private set; }

    /// <summary>What the backend's bulk inserter binds, computed ahead on a batch's encoding thread (GeoPackage: the row's UTF-8 text and geometry blob), or null.</summary>
    public object? Encoded { get; set; }

    /// <summary>Keeps the record's search text (see <see cref="Relational.WriteSession.SearchTextOf"/>).</summary>
    /// <param name="text">The text, or null.</param>
    public void SetSearchText(string? text)
    {
        SearchText = text;
        HasSearchText = true;
    }
}

/// <summary>
/// Records to rows and back, through the record's GeoJSON feature (the model's mappers), so that the store reads
/// exactly what the API writes and validates every row it reads, including rows another tool appended.
/// </summary>
internal static class RecordCodec
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The row image of a record: its feature's properties converted to column values.</summary>
    /// <remarks>Incidents take a direct path (<see cref="FromIncident"/>) that gives exactly the same values without
    /// building the feature: the hot path of large imports.</remarks>
    public static RowImage FromRecord(StoreTable table, object record) =>
        record is Incident incident && table.Collection == StoreCollection.Incidents ? FromIncident(incident) : FromFeature(table, record);

    /// <summary>The row image of a record through its GeoJSON feature (the general path, for every table).</summary>
    public static RowImage FromFeature(StoreTable table, object record)
    {
        var feature = table.ToFeature(record);
        var attributes = feature.Attributes;
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = table.Columns[i];
            var value = attributes.Exists(column.Name) ? attributes[column.Name] : null;
            values[i] = ToColumnValue(column, value);
        }

        var geometry = table.IsFeature ? feature.Geometry : null;
        if (geometry is not null && geometry.SRID != GeometryFactories.Wgs84Srid)
        {
            throw new StoreRuleException("invalid-geometry", $"{table.Collection.WireName()} '{RecordWrite.IdOf(record)}': the geometry has SRID {geometry.SRID}, the store holds EPSG:4326");
        }

        return new RowImage(RecordWrite.IdOf(record), geometry, values);
    }

    /// <summary>
    /// The row image of an incident written directly from the record: the same column values, byte for byte, as
    /// <see cref="FromFeature"/> gives through <c>IncidentFeatureMapper.ToFeature</c> (JSON columns as GeoJSON4STJ's
    /// serializer writes the mapper's arrays and dictionaries, nulls included), so stored rows compare equal
    /// whichever path wrote them. A test holds the two paths equal.
    /// </summary>
    public static RowImage FromIncident(Incident incident)
    {
        var geometry = incident.Geometry;
        if (geometry is not null && geometry.SRID != GeometryFactories.Wgs84Srid)
        {
            throw new StoreRuleException("invalid-geometry", $"incidents '{incident.Id}': the geometry has SRID {geometry.SRID}, the store holds EPSG:4326");
        }

        var p = incident.LocationPrecision;
        object?[] values =
        [
            incident.Title,
            WireNames.Of(incident.Type),
            WireNames.Of(incident.Status),
            incident.Occurred.ToIsoString(),
            WireNames.Of(incident.Occurred.Precision),
            incident.Description,
            p?.Radius?.Meters,
            p is { } ps ? WireNames.Of(ps.Scheme) : null,
            p?.Code is { } code ? (long)code : null,
            incident.Admin1,
            TagsJson(incident.Tags),
            SourcesJson(incident.Sources),
            WarningsJson(incident.Warnings),
        ];
        return new RowImage(incident.Id, geometry, values);
    }

    private static string TagsJson(IReadOnlyList<string> tags) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var t in tags)
        {
            w.WriteStringValue(t);
        }

        w.WriteEndArray();
    });

    private static string SourcesJson(IReadOnlyList<Source> sources) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var s in sources)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("publisher", s.Publisher);
            w.WriteString("title", s.Title);
            WriteOptional(w, "url", s.Url?.ToString());
            WriteOptional(w, "published", s.Published?.ToString(DateFormat, CultureInfo.InvariantCulture));
            WriteOptional(w, "language", s.Language);
            WriteOptional(w, "quote", s.Quote);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static string WarningsJson(IReadOnlyList<ValidationIssue> warnings) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var i in warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", i.Code);
            w.WriteString("field", i.Field);
            w.WriteString("message", i.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _jsonBuffer;

    // One writer per thread, reset for each value (a writer per JSON column was an allocation per column and row).
    [ThreadStatic]
    private static Utf8JsonWriter? _jsonWriter;

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = _jsonBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = _jsonWriter ??= new Utf8JsonWriter(buffer, GeoJsonSerialization.WriterOptions);
        writer.Reset(buffer);
        write(writer);
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The row image of a stored row.</summary>
    public static RowImage FromRow(StoreTable table, RecordRow row)
    {
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = row[table.Columns[i].Name];
        }

        return new RowImage(row.Id, row.Geometry, values);
    }

    /// <summary>Writes an image into a row (id, geometry, record columns).</summary>
    public static void Apply(StoreTable table, RowImage image, RecordRow row)
    {
        row.Id = image.Id;
        if (table.IsFeature)
        {
            row.Geometry = image.Geometry;
        }

        for (var i = 0; i < image.Values.Length; i++)
        {
            row[table.Columns[i].Name] = image.Values[i];
        }
    }

    /// <summary>The GeoJSON property names whose values differ (<c>geometry</c> for the geometry), in column order.</summary>
    public static List<string> Diff(StoreTable table, RowImage before, RowImage after)
    {
        var changed = new List<string>();
        if (table.IsFeature && !SameGeometry(before.Geometry, after.Geometry))
        {
            changed.Add("geometry");
        }

        for (var i = 0; i < before.Values.Length; i++)
        {
            if (!Equals(before.Values[i], after.Values[i]))
            {
                changed.Add(table.Columns[i].Name);
            }
        }

        return changed;
    }

    /// <summary>The names of the non-null fields of an image (what a creation sets).</summary>
    public static List<string> SetFields(StoreTable table, RowImage image)
    {
        var fields = new List<string>();
        if (image.Geometry is not null)
        {
            fields.Add("geometry");
        }

        for (var i = 0; i < image.Values.Length; i++)
        {
            if (image.Values[i] is not null)
            {
                fields.Add(table.Columns[i].Name);
            }
        }

        return fields;
    }

    /// <summary>
    /// Reads a row back into its record, through its GeoJSON feature and the model's mapper (so every rule of the
    /// model applies). Rows of incidents and claims get their revision and update time. The query path reads incident
    /// rows with <see cref="RowDecoder"/> instead, which gives the same records without the JSON text and falls back here.
    /// </summary>
    /// <returns>The record, or null and the errors when the row is not a valid record.</returns>
    public static (object? Record, IReadOnlyList<FeatureError> Errors) TryRead(StoreTable table, RecordRow row)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(FeatureJson(table, row));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return (null, [new FeatureError(1, string.Empty, "the row cannot be written as GeoJSON: " + ex.Message, "invalid-format")]);
        }

        using (document)
        {
            return table.Read(document.RootElement);
        }
    }

    /// <summary>As <see cref="TryRead"/>, throwing when the row is invalid.</summary>
    /// <exception cref="StoreSchemaException">The row is not a valid record.</exception>
    public static object Read(StoreTable table, RecordRow row)
    {
        var (record, errors) = TryRead(table, row);
        return record ?? throw new StoreSchemaException(
            $"{table.Name} row fid {row.Fid} ('{row.Id}') is not a valid {table.Collection.WireName()} record: {string.Join("; ", errors.Select(e => e.ToString()))}");
    }

    /// <summary>The GeoJSON Feature text of a record (the revision snapshot).</summary>
    public static string SnapshotJson(StoreTable table, object record) =>
        JsonSerializer.Serialize(table.ToFeature(record), GeoJsonSerialization.Options);

    /// <summary>The row as a GeoJSON Feature (UTF-8).</summary>
    public static byte[] FeatureJson(StoreTable table, RecordRow row)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, GeoJsonSerialization.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", row.Id);
            writer.WritePropertyName("geometry");
            if (row.Geometry is { IsEmpty: false } geometry)
            {
                JsonSerializer.Serialize(writer, geometry, GeoJsonSerialization.Options);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartObject("properties");
            foreach (var column in table.Columns)
            {
                WriteValue(writer, column, row[column.Name]);
            }

            if (table.RevisionInProperties && row.Created is not null && row.Revision is > 0)
            {
                writer.WriteNumber("revision", row.Revision.Value);
                if (row.Updated is { } updated)
                {
                    writer.WriteString("updated", updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, StoreColumn column, object? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WritePropertyName(column.Name);
        switch (column.Kind)
        {
            case ColumnKind.Json:
                writer.WriteRawValue((string)value);
                break;
            case ColumnKind.Date:
                writer.WriteStringValue(((DateOnly)value).ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case ColumnKind.Boolean:
                writer.WriteBooleanValue(Convert.ToBoolean(value, CultureInfo.InvariantCulture));
                break;
            case ColumnKind.Integer:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ColumnKind.Real:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static object? ToColumnValue(StoreColumn column, object? value)
    {
        if (value is null)
        {
            return null;
        }

        return column.Kind switch
        {
            ColumnKind.Text => Convert.ToString(value, CultureInfo.InvariantCulture),
            ColumnKind.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ColumnKind.Real => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            ColumnKind.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
            ColumnKind.Date => value is DateOnly d ? d : DateOnly.ParseExact(Convert.ToString(value, CultureInfo.InvariantCulture)!, DateFormat, CultureInfo.InvariantCulture),
            ColumnKind.Json => JsonSerializer.Serialize(value, value.GetType(), GeoJsonSerialization.Options),
            _ => throw new InvalidOperationException($"unknown column kind {column.Kind}"),
        };
    }

    private static bool SameGeometry(Geometry? a, Geometry? b) =>
        a is null ? b is null : b is not null && a.SRID == b.SRID && a.EqualsExact(b);
}
