using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// Maps one record type to and from a GeoJSON Feature (NetTopologySuite <see cref="Feature"/> on the way out,
/// <see cref="JsonElement"/> on the way in). Reading never throws for bad input: it returns every error of the
/// feature, each naming the feature number and the field (<c>feature 3: properties.occurred: ...</c>).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class FeatureMapper<T>
    where T : class
{
    private protected FeatureMapper(string recordKind) => RecordKind = recordKind;

    /// <summary>What the mapper reads and writes (<c>incident</c>, <c>claim</c>, ...), for messages.</summary>
    public string RecordKind { get; }

    /// <summary>
    /// Maps a record to a Feature whose <c>id</c> attribute GeoJSON4STJ writes as the Feature's <c>id</c>. Nested
    /// objects are dictionaries, not attribute tables: GeoJSON4STJ drops an <c>id</c> member from every attribute table.
    /// </summary>
    /// <param name="record">The record.</param>
    /// <returns>The feature (geometry may be null).</returns>
    public abstract Feature ToFeature(T record);

    /// <summary>Maps records to a FeatureCollection.</summary>
    /// <param name="records">The records.</param>
    /// <returns>The collection.</returns>
    public FeatureCollection ToFeatureCollection(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var fc = new FeatureCollection();
        foreach (var r in records)
        {
            fc.Add(ToFeature(r));
        }

        return fc;
    }

    /// <summary>The record as GeoJSON Feature text (<see cref="GeoJsonSerialization.Options"/>).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(T record) => JsonSerializer.Serialize<IFeature>(ToFeature(record), GeoJsonSerialization.Options);

    /// <summary>Reads one Feature.</summary>
    /// <param name="feature">A JSON object that should be a GeoJSON Feature.</param>
    /// <param name="number">The feature's 1-based number in its input, for messages.</param>
    /// <param name="options">Read options; <see cref="GeoJsonReadOptions.Default"/> when null.</param>
    /// <returns>The record or every error found.</returns>
    public FeatureReadResult<T> Read(JsonElement feature, int number = 1, GeoJsonReadOptions? options = null)
    {
        var sink = new FeatureErrorSink(number);
        T? value = null;
        if (feature.ValueKind != JsonValueKind.Object)
        {
            sink.Add(string.Empty, $"expected a GeoJSON Feature object, found {JsonFields.Describe(feature)}");
            return new FeatureReadResult<T>(number, null, sink.Errors);
        }

        if (!feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            sink.Add("type", "a GeoJSON Feature has \"type\": \"Feature\"");
        }

        var context = new FeatureContext(feature, sink, options ?? GeoJsonReadOptions.Default);
        try
        {
            value = ReadCore(context);
        }
        catch (RecordValidationException ex)
        {
            sink.AddIssues(ex.Issues, FeatureContext.PathOf);
        }

        if (value is null && !sink.HasErrors)
        {
            sink.Add(string.Empty, $"the feature is not a valid {RecordKind}");
        }

        return new FeatureReadResult<T>(number, sink.HasErrors ? null : value, sink.Errors);
    }

    /// <summary>Reads one Feature from JSON text.</summary>
    /// <param name="json">The text of one GeoJSON Feature.</param>
    /// <param name="options">Read options, or null.</param>
    /// <returns>The record or every error found (invalid JSON is a document-level error).</returns>
    public FeatureReadResult<T> ReadJson(string json, GeoJsonReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Read(doc.RootElement.Clone(), 1, options);
        }
        catch (JsonException ex)
        {
            return new FeatureReadResult<T>(1, null, [new FeatureError(1, string.Empty, $"invalid JSON: {ex.Message}", ValidationCodes.InvalidFormat)]);
        }
    }

    /// <summary>Reads an NTS feature (serialised to GeoJSON and read back, so the same rules apply).</summary>
    /// <param name="feature">The feature.</param>
    /// <param name="number">The feature's number, for messages.</param>
    /// <param name="options">Read options, or null.</param>
    /// <returns>The record or every error found.</returns>
    public FeatureReadResult<T> Read(IFeature feature, int number = 1, GeoJsonReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var element = JsonSerializer.SerializeToElement(feature, GeoJsonSerialization.Options);
        return Read(element, number, options);
    }

    /// <summary>Reads one Feature or throws.</summary>
    /// <param name="json">The text of one GeoJSON Feature.</param>
    /// <param name="options">Read options, or null.</param>
    /// <returns>The record.</returns>
    /// <exception cref="GeoJsonFeatureException">The feature has errors; the exception lists them all.</exception>
    public T ReadJsonOrThrow(string json, GeoJsonReadOptions? options = null)
    {
        var result = ReadJson(json, options);
        return result.IsValid ? result.Value! : throw new GeoJsonFeatureException(result.Errors);
    }

    /// <summary>Reads a stream of raw features (from <see cref="GeoJsonFeatureStreams"/>), one result per feature.</summary>
    /// <param name="features">The raw features.</param>
    /// <param name="options">Read options, or null.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>One result per feature, in input order; a document-level error comes as a result with number 0 or the number where reading stopped.</returns>
    public async IAsyncEnumerable<FeatureReadResult<T>> ReadAllAsync(
        IAsyncEnumerable<RawFeature> features,
        GeoJsonReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        await foreach (var raw in features.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return raw.Error is { } error
                ? new FeatureReadResult<T>(raw.Number, null, [error])
                : Read(raw.Element!.Value, raw.Number, options);
        }
    }

    /// <summary>
    /// Reads every feature and collects all records and all errors, for all-or-nothing imports: write
    /// <see cref="FeatureBatch{T}.Values"/> only when <see cref="FeatureBatch{T}.IsValid"/>, else report
    /// <see cref="FeatureBatch{T}.Errors"/> (every bad feature, every field).
    /// </summary>
    /// <param name="features">The raw features.</param>
    /// <param name="options">Read options, or null.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The batch.</returns>
    public async Task<FeatureBatch<T>> ReadBatchAsync(IAsyncEnumerable<RawFeature> features, GeoJsonReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var values = new List<T>();
        var errors = new List<FeatureError>();
        var count = 0;
        await foreach (var r in ReadAllAsync(features, options, cancellationToken).ConfigureAwait(false))
        {
            if (r.Number > 0)
            {
                count = Math.Max(count, r.Number);
            }

            if (r.IsValid)
            {
                values.Add(r.Value!);
            }
            else
            {
                errors.AddRange(r.Errors);
            }
        }

        return new FeatureBatch<T>(values, errors, count);
    }

    private protected abstract T? ReadCore(FeatureContext context);

    // ---- writing helpers shared by the mappers ----
    private protected static object? Meters(Length? length) => length?.Meters;

    private protected static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private protected static string? Instant(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private protected static object[] SourcesToJson(IEnumerable<Source> sources) => sources.Select(SourceToTable).ToArray<object>();

    private protected static Dictionary<string, object?> SourceToTable(Source s) => new()
    {
        { "id", s.Id },
        { "publisher", s.Publisher },
        { "title", s.Title },
        { "url", s.Url?.ToString() },
        { "published", Date(s.Published) },
        { "language", s.Language },
        { "quote", s.Quote },
    };

    private protected static object[] WarningsToJson(IEnumerable<ValidationIssue> warnings) =>
        warnings.Select(w => new Dictionary<string, object?> { { "code", w.Code }, { "field", w.Field }, { "message", w.Message } }).ToArray<object>();

    private protected static void AddLocationPrecision(AttributesTable a, LocationPrecision? precision)
    {
        a.Add("location_precision_m", precision?.Radius?.Meters);
        a.Add("location_precision_scheme", precision is { } p ? WireNames.Of(p.Scheme) : null);
        a.Add("location_precision_code", precision?.Code);
    }

    private protected static object? PointReferenceToJson(PointReference p, bool compact)
    {
        if (compact && p.Label is null)
        {
            return p.PlaceId is not null ? p.PlaceId : LonLat(p.Position!.Value);
        }

        var table = new Dictionary<string, object?>();
        if (p.PlaceId is not null)
        {
            table.Add("place", p.PlaceId);
        }
        else
        {
            table.Add("position", LonLat(p.Position!.Value));
        }

        if (p.Label is not null)
        {
            table.Add("label", p.Label);
        }

        return table;
    }

    private static double[] LonLat(GeoPosition p) => [p.LongitudeDegrees, p.LatitudeDegrees];
}

/// <summary>What a mapper's reader sees of one feature: id, geometry, properties, the error sink and the options.</summary>
internal sealed class FeatureContext
{
    public FeatureContext(JsonElement feature, FeatureErrorSink sink, GeoJsonReadOptions options)
    {
        Feature = feature;
        Sink = sink;
        Options = options;
        var props = feature.TryGetProperty("properties", out var p) ? p : default;
        if (props.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            sink.Add("properties", $"expected an object or null, found {JsonFields.Describe(props)}");
        }

        Properties = new JsonFields(props, "properties", sink);
        Geometry = ReadGeometry();
    }

    public JsonElement Feature { get; }

    public FeatureErrorSink Sink { get; }

    public GeoJsonReadOptions Options { get; }

    public JsonFields Properties { get; }

    public Geometry? Geometry { get; }

    /// <summary>Maps a model field name to its JSON path in the feature.</summary>
    public static string PathOf(string field) =>
        field.Length == 0 || field == "id" || field == "geometry" || field.StartsWith("geometry.", StringComparison.Ordinal)
            ? field
            : "properties." + field;

    /// <summary>The Feature's id (string or number); generated with <see cref="GeoJsonReadOptions.NewId"/> when absent and allowed.</summary>
    public string Id(bool generate = true)
    {
        if (Feature.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            switch (id.ValueKind)
            {
                case JsonValueKind.String:
                    return id.GetString()!;
                case JsonValueKind.Number:
                    return id.GetRawText();
                default:
                    Sink.Add("id", $"expected a string or number, found {JsonFields.Describe(id)}");
                    return string.Empty;
            }
        }

        // GeoJSON4STJ keeps the id in the properties when it writes features without a top-level id
        if (Properties.Text("id") is { } fromProperties)
        {
            return fromProperties;
        }

        if (generate && Options.NewId is { } newId)
        {
            return newId();
        }

        Sink.Add("id", $"a {(generate ? "stable id is required (or read with GeoJsonReadOptions.NewId to assign one)" : "stable id is required")}", ValidationCodes.Required);
        return string.Empty;
    }

    /// <summary>Runs a value factory; its errors are reported under <paramref name="field"/> (a model field name).</summary>
    public TValue? Guard<TValue>(string field, Func<TValue> build)
        where TValue : class
    {
        try
        {
            return build();
        }
        catch (RecordValidationException ex)
        {
            Sink.AddIssues(ex.Issues.Select(i => i.Under(field)), PathOf);
        }
        catch (ArgumentException ex)
        {
            Sink.Add(PathOf(field), FirstSentence(ex), ValidationCodes.OutOfRange);
        }

        return null;
    }

    /// <summary>Runs a value factory for a struct; its errors are reported under <paramref name="field"/>.</summary>
    public TValue? GuardValue<TValue>(string field, Func<TValue> build)
        where TValue : struct
    {
        try
        {
            return build();
        }
        catch (RecordValidationException ex)
        {
            Sink.AddIssues(ex.Issues.Select(i => i.Under(field)), PathOf);
        }
        catch (ArgumentException ex)
        {
            Sink.Add(PathOf(field), FirstSentence(ex), ValidationCodes.OutOfRange);
        }

        return null;
    }

    public Occurrence? Occurred(JsonFields fields, string textName, string precisionName, bool required)
    {
        var precision = fields.Enum<OccurrencePrecision>(precisionName);
        var text = fields.Text(textName);
        if (text is null)
        {
            if (required && !fields.Has(textName))
            {
                Sink.Add(fields.FieldPath(textName), "a date is required (ISO 8601: 2021-05-12, 2021-05, 2021, 2021-05-12T04:30:00Z or start/end)", ValidationCodes.Required);
            }

            return null;
        }

        if (Occurrence.TryParseWithCode(text, precision, out var occurrence, out var error, out var code))
        {
            return occurrence;
        }

        Sink.Add(fields.FieldPath(textName), error!, code);
        return null;
    }

    public LocationPrecision? LocationPrecision(JsonFields fields)
    {
        var scheme = fields.Enum<LocationPrecisionScheme>("location_precision_scheme");
        var code = fields.Integer("location_precision_code");
        var meters = fields.Number("location_precision_m");
        if (Sink.Errors.Any(e => e.Field.StartsWith(fields.FieldPath("location_precision"), StringComparison.Ordinal)))
        {
            return null;
        }

        var field = fields.Path.Length == 0 ? string.Empty : fields.Path + ".";
        switch (scheme)
        {
            case null when code is not null:
                Sink.Add(fields.FieldPath("location_precision_scheme"), "a location_precision_code needs its scheme: acled-geo-precision or ucdp-where-prec", ValidationCodes.Required);
                return null;
            case null when meters is null:
                return null;
            case null:
            case LocationPrecisionScheme.Radius:
                if (meters is null)
                {
                    Sink.Add(fields.FieldPath("location_precision_m"), "the radius scheme needs location_precision_m", ValidationCodes.Required);
                    return null;
                }

                return GuardValue(StripProperties(field + "location_precision_m"), () => Model.LocationPrecision.FromRadius(Length.FromMeters(meters.Value)));
            default:
                if (code is null)
                {
                    Sink.Add(fields.FieldPath("location_precision_code"), $"the {WireNames.Of(scheme.Value)} scheme needs location_precision_code", ValidationCodes.Required);
                    return null;
                }

                // location_precision_m is derived from the code and ignored on input
                return GuardValue(StripProperties(field + "location_precision_code"), () => Model.LocationPrecision.From(scheme.Value, (int)Math.Clamp(code.Value, int.MinValue, int.MaxValue), null));
        }
    }

    public IReadOnlyList<Source> Sources(JsonFields fields, string name = "sources")
    {
        var items = fields.Array(name);
        var list = new List<Source>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{fields.FieldPath(name)}[{i}]";
            var item = items[i];
            if (item.ValueKind == JsonValueKind.String)
            {
                var id = item.GetString()!;
                if (Options.Sources is { } catalogue && catalogue.TryGetValue(id, out var known))
                {
                    list.Add(known);
                }
                else
                {
                    Sink.Add(path, Options.Sources is null
                        ? $"'{id}' is a source id, but no sources are loaded: embed the source as {{publisher, title, url, published}}"
                        : $"unknown source '{id}'", ValidationCodes.UnknownReference);
                }

                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                Sink.Add(path, $"expected a source object or a source id, found {JsonFields.Describe(item)}");
                continue;
            }

            var s = new JsonFields(item, path, Sink);
            if (SourceFields(s) is { } source)
            {
                list.Add(source);
            }
        }

        return list;
    }

    /// <summary>Reads the members of a source object (embedded, or a source feature's properties plus its id).</summary>
    public Source? SourceFields(JsonFields s, string? id = null)
    {
        var publisher = s.Text("publisher");
        var title = s.Text("title");
        var urlText = s.Text("url");
        var published = s.Date("published");
        Uri? url = null;
        if (urlText is not null && !Uri.TryCreate(urlText, UriKind.Absolute, out url))
        {
            Sink.Add(s.FieldPath("url"), $"'{urlText}' is not an absolute address");
        }

        id ??= s.Text("id") ?? Source.DeriveId(publisher, title, url, published);
        var language = s.Text("language");
        var quote = s.Text("quote");
        return Guard(StripProperties(s.Path), () => Source.Create(id, publisher ?? string.Empty, title ?? string.Empty, url, published, language, quote));
    }

    public IReadOnlyList<ValidationIssue> Warnings(JsonFields fields)
    {
        var items = fields.Array("warnings");
        var list = new List<ValidationIssue>();
        for (var i = 0; i < items.Count; i++)
        {
            var w = new JsonFields(items[i], $"{fields.FieldPath("warnings")}[{i}]", Sink);
            var code = w.Text("code");
            var message = w.Text("message");
            if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(message))
            {
                Sink.Add(w.Path, "a warning is {code, field, message} with a code and a message", ValidationCodes.Required);
                continue;
            }

            list.Add(ValidationIssue.Warning(code, w.Text("field") ?? string.Empty, message));
        }

        return list;
    }

    /// <summary>Reads a point given as a place id, [lon, lat], or {place} / {position, label}.</summary>
    public PointReference? Point(JsonElement? value, string modelField)
    {
        if (value is not { } v)
        {
            return null;
        }

        var path = PathOf(modelField);
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                return Guard(modelField, () => PointReference.ToPlace(v.GetString()!));
            case JsonValueKind.Array:
                return JsonFields.LonLat(v, path, Sink) is { } c
                    ? Guard(modelField, () => PointReference.AtPosition(GeoPosition.FromLonLat(c.X, c.Y)))
                    : null;
            case JsonValueKind.Object:
                var o = new JsonFields(v, path, Sink);
                var label = o.Text("label");
                if (o.Text("place") is { } place)
                {
                    return Guard(modelField, () => PointReference.ToPlace(place, label));
                }

                if (o.Raw("position") is { } pos && JsonFields.LonLat(pos, o.FieldPath("position"), Sink) is { } xy)
                {
                    return Guard(modelField, () => PointReference.AtPosition(GeoPosition.FromLonLat(xy.X, xy.Y), label));
                }

                if (!Sink.Errors.Any(e => e.Field.StartsWith(path, StringComparison.Ordinal)))
                {
                    Sink.Add(path, "expected {\"place\": id} or {\"position\": [lon, lat]}", ValidationCodes.Required);
                }

                return null;
            default:
                Sink.Add(path, $"expected a place id or [lon, lat], found {JsonFields.Describe(v)}");
                return null;
        }
    }

    /// <summary>A JSON path without the leading <c>properties.</c>, i.e. the model field name.</summary>
    public static string StripProperties(string path) =>
        path.StartsWith("properties.", StringComparison.Ordinal) ? path["properties.".Length..] : path == "properties" ? string.Empty : path;

    private Geometry? ReadGeometry()
    {
        if (!Feature.TryGetProperty("geometry", out var g) || g.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            var geometry = g.Deserialize<Geometry>(GeoJsonSerialization.Options);
            if (geometry is GeometryCollection and not (MultiPoint or MultiLineString or MultiPolygon))
            {
                Sink.Add("geometry", "a GeometryCollection is not supported; use a Multi* geometry", ValidationCodes.InvalidGeometry);
                return null;
            }

            return geometry;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            Sink.Add("geometry", $"not a GeoJSON geometry: {ex.Message}", ValidationCodes.InvalidGeometry);
            return null;
        }
    }

    private static string FirstSentence(ArgumentException ex)
    {
        // ArgumentException.Message appends " (Parameter 'x')" and the actual value; keep the sentence people need.
        var message = ex.Message;
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }
}
