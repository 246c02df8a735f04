using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Records;

/// <summary>
/// Reads stored rows back into records on the query path without the GeoJSON text round trip of
/// <see cref="RecordCodec.Read"/>: incident and claim rows are decoded column by column (JSON columns with a
/// <see cref="Utf8JsonReader"/>, the geometry as the backend materialised it) and built with the model's factories
/// (<see cref="Incident.Create"/>, <see cref="Claim.Create"/>), so the model's validation still runs on every row.
/// </summary>
/// <remarks>
/// The direct decoder accepts a row only where the mapper path (<see cref="RecordCodec.TryRead"/>) reads the very
/// same field values: whenever it meets anything the mapper would report (an unknown wire name, a malformed JSON
/// column, a member of the wrong JSON type, a duplicate member, a non-point geometry that the GeoJSON writer would
/// reorient, text that is not valid UTF-16, a model validation error), it gives up and the row goes through the mapper,
/// which returns the authoritative record or the errors. Claims with a displacement or a border-band derivation, and
/// the records of the other tables (small, rarely queried in bulk), are read through the mapper. Tests hold both paths equal on the seed data, on generated records and on corrupted rows.
/// </remarks>
internal static class RowDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);


    /// <summary>Reads a row into its record: directly where the table has a direct decoder and the row qualifies, else through the mapper.</summary>
    /// <param name="table">The row's table.</param>
    /// <param name="row">The row.</param>
    /// <returns>The record.</returns>
    /// <exception cref="StoreSchemaException">The row is not a valid record.</exception>
    public static object Read(StoreTable table, RecordRow row) =>
        TryDirect(table, row) ?? RecordCodec.Read(table, row);

    /// <summary>The record decoded directly, or null when the table has no direct decoder or the row must go through the mapper.</summary>
    /// <param name="table">The row's table.</param>
    /// <param name="row">The row.</param>
    /// <returns>The record or null.</returns>
    internal static object? TryDirect(StoreTable table, RecordRow row)
    {
        if (table.Collection is not (StoreCollection.Incidents or StoreCollection.Claims))
        {
            return null;
        }

        try
        {
            return table.Collection == StoreCollection.Incidents ? TryIncident(row) : TryClaim(row);
        }
        catch (Exception ex) when (ex is RecordValidationException or ArgumentException or FormatException or InvalidOperationException
                                       or InvalidCastException or OverflowException or JsonException or NotSupportedException)
        {
            // The mapper path reports what is wrong (or reads what this decoder does not handle).
            return null;
        }
    }

    private static Incident? TryIncident(RecordRow row)
    {
        if (!IsValidUtf16(row.Id) || !TryText(row, "title", out var title) || !TryText(row, "type", out var typeText) || !TryText(row, "status", out var statusText)
            || !TryText(row, "occurred", out var occurredText) || !TryText(row, "occurred_precision", out var precisionText)
            || !TryText(row, "description", out var description) || !TryText(row, "location_precision_scheme", out var schemeText) || !TryText(row, "admin1", out var admin1))
        {
            return null;
        }

        if (!TryEnum<IncidentType>(typeText, out var type) || type is null)
        {
            return null; // an incident type is required
        }

        if (!TryEnum<IncidentStatus>(statusText, out var status) || !TryEnum<OccurrencePrecision>(precisionText, out var occurredPrecision))
        {
            return null;
        }

        if (occurredText is null || !Occurrence.TryParse(occurredText, occurredPrecision, out var occurred, out _))
        {
            return null;
        }

        if (!TryLocationPrecision(row, schemeText, out var precision) || !TryGeometry(row.Geometry, out var geometry))
        {
            return null;
        }

        var tags = ReadTags(Json(row, "tags"));
        var sources = ReadSources(Json(row, "sources"));
        var warnings = ReadWarnings(Json(row, "warnings"));
        if (tags is null || sources is null || warnings is null)
        {
            return null;
        }

        var (revision, updated) = RevisionOf(row);
        return Incident.Create(row.Id, title ?? string.Empty, type.Value, occurred, status ?? IncidentStatus.Reported, geometry, precision, admin1, description,
            tags, sources, [], revision, updated, warnings);
    }

    private static Claim? TryClaim(RecordRow row)
    {
        if (!IsValidUtf16(row.Id) || !TryText(row, "incident", out var incident) || !TryText(row, "claimant", out var claimant)
            || !TryText(row, "asserted", out var asserted) || !TryText(row, "occurred", out var occurredText)
            || !TryText(row, "occurred_precision", out var precisionText) || !TryText(row, "location_precision_scheme", out var schemeText))
        {
            return null;
        }

        // The occurrence is optional on a claim: no text is none, whatever the precision says (as the mapper reads it).
        if (!TryEnum<OccurrencePrecision>(precisionText, out var occurredPrecision))
        {
            return null;
        }

        Occurrence? occurred = null;
        if (occurredText is not null)
        {
            if (!Occurrence.TryParse(occurredText, occurredPrecision, out var parsed, out _))
            {
                return null;
            }

            occurred = parsed;
        }

        DateOnly? statedOn = row["stated_on"] switch
        {
            null => null,
            DateOnly d => d,
            _ => throw new InvalidCastException("stated_on is not a date"),
        };

        // Displacements and border-band derivations (a few claims) are read by the mapper.
        if (!IsJsonNull(Json(row, "displacement")) || !IsJsonNull(Json(row, "derivation")))
        {
            return null;
        }

        if (!TryLocationPrecision(row, schemeText, out var precision) || !TryGeometry(row.Geometry, out var geometry))
        {
            return null;
        }

        var sources = ReadSources(Json(row, "sources"));
        var warnings = ReadWarnings(Json(row, "warnings"));
        if (sources is null || warnings is null)
        {
            return null;
        }

        var (revision, updated) = RevisionOf(row);
        return Claim.Create(row.Id, incident ?? string.Empty, claimant ?? string.Empty, asserted ?? string.Empty, occurred, statedOn, geometry, precision,
            null, null, sources, revision, updated, warnings);
    }

    /// <summary>As <c>RecordCodec.FeatureJson</c> writes them: revision and update time only on adopted rows with a revision.</summary>
    private static (int Revision, DateTimeOffset? Updated) RevisionOf(RecordRow row) =>
        row.Created is not null && row.Revision is > 0 ? (row.Revision.Value, row.Updated?.ToUniversalTime()) : (0, null);

    /// <summary>True for SQL NULL or a JSON null (what the mapper reads as no value).</summary>
    private static bool IsJsonNull(string? json)
    {
        if (json is null)
        {
            return true;
        }

        using var utf8 = new Utf8Text(json);
        var reader = new Utf8JsonReader(utf8.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.Null && End(ref reader);
    }

    /// <summary>
    /// The location precision as <c>FeatureContext.LocationPrecision</c> reads it: no scheme and no code is a bare
    /// radius (or none), a code needs its scheme, the radius scheme needs the radius, and the code schemes derive
    /// the radius from the code.
    /// </summary>
    private static bool TryLocationPrecision(RecordRow row, string? schemeText, out LocationPrecision? precision)
    {
        precision = null;
        if (!TryEnum<LocationPrecisionScheme>(schemeText, out var scheme))
        {
            return false;
        }

        var codeValue = row["location_precision_code"];
        var metersValue = row["location_precision_m"];
        long? code = codeValue is null ? null : Convert.ToInt64(codeValue, CultureInfo.InvariantCulture);
        double? meters = metersValue is null ? null : Convert.ToDouble(metersValue, CultureInfo.InvariantCulture);
        if (meters is { } m && !double.IsFinite(m))
        {
            return false;
        }

        switch (scheme)
        {
            case null when code is not null:
                return false;
            case null when meters is null:
                return true;
            case null:
            case LocationPrecisionScheme.Radius:
                if (meters is null)
                {
                    return false;
                }

                precision = LocationPrecision.FromRadius(Length.FromMeters(meters.Value));
                return true;
            default:
                if (code is null)
                {
                    return false;
                }

                precision = LocationPrecision.From(scheme.Value, (int)Math.Clamp(code.Value, int.MinValue, int.MaxValue), null);
                return true;
        }
    }

    /// <summary>
    /// The geometry as the mapper path would read it back from GeoJSON: null for null or empty, a new 2D point of
    /// <see cref="GeometryFactories.Wgs84"/> for a 2D point; anything else goes through the same GeoJSON serializer
    /// (RFC 7946 ring orientation, Z kept, M dropped), so that both paths give the same geometry.
    /// </summary>
    private static bool TryGeometry(Geometry? stored, out Geometry? geometry)
    {
        geometry = null;
        if (stored is null || stored.IsEmpty)
        {
            return true;
        }

        if (stored is Point p && double.IsNaN(p.Z) && double.IsNaN(p.M) && double.IsFinite(p.X) && double.IsFinite(p.Y))
        {
            geometry = GeometryFactories.Wgs84.CreatePoint(new Coordinate(p.X, p.Y));
            return true;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(stored, GeoJsonSerialization.Options);
        geometry = JsonSerializer.Deserialize<Geometry>(json, GeoJsonSerialization.Options);
        return geometry is not GeometryCollection || geometry is MultiPoint or MultiLineString or MultiPolygon;
    }

    private static bool TryText(RecordRow row, string column, out string? text)
    {
        var value = row[column];
        text = value is null ? null : value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);
        return text is null || IsValidUtf16(text);
    }

    private static bool TryEnum<TEnum>(string? text, out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!WireNames.TryParse<TEnum>(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>A JSON column's text, or null for SQL NULL.</summary>
    private static string? Json(RecordRow row, string column)
    {
        var value = row[column];
        return value is null ? null : value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Tags: SQL NULL or JSON null is none; otherwise an array of strings; null when the mapper would report the column.</summary>
    private static List<string>? ReadTags(string? json) => ReadArray<string>(json, ReadTag);

    /// <summary>Sources: embedded source objects read as <c>FeatureContext.SourceFields</c> reads them (source ids need a catalogue the store does not pass: mapper path).</summary>
    private static List<Source>? ReadSources(string? json) => ReadArray<Source>(json, ReadSource);

    /// <summary>Warnings: objects {code, field, message} with a code and a message.</summary>
    private static List<ValidationIssue>? ReadWarnings(string? json) => ReadArray<ValidationIssue>(json, ReadWarning);

    /// <summary>Reads one array element at the reader's current token; false gives the row up to the mapper.</summary>
    private delegate bool ElementReader<T>(ref Utf8JsonReader reader, out T value);

    /// <summary>
    /// A JSON array column: SQL NULL or JSON null is an empty list; otherwise an array whose elements
    /// <paramref name="element"/> reads; null (the mapper path decides) for anything else.
    /// </summary>
    private static List<T>? ReadArray<T>(string? json, ElementReader<T> element)
    {
        if (json is null)
        {
            return [];
        }

        using var utf8 = new Utf8Text(json);
        var reader = new Utf8JsonReader(utf8.Span);
        reader.Read();
        var list = new List<T>();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return End(ref reader) ? list : null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!element(ref reader, out var value))
            {
                return null;
            }

            list.Add(value);
        }

        return End(ref reader) ? list : null;
    }

    private static bool ReadTag(ref Utf8JsonReader reader, out string value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : string.Empty;
        return reader.TokenType == JsonTokenType.String;
    }

    private static bool ReadSource(ref Utf8JsonReader reader, out Source value)
    {
        value = null!;
        var fields = new string?[SourceMembers.Length];
        if (reader.TokenType != JsonTokenType.StartObject || !ReadStringMembers(ref reader, SourceMembers, fields))
        {
            return false;
        }

        var (id, publisher, title, urlText, publishedText, language, quote) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]);
        Uri? url = null;
        if (urlText is not null && !Uri.TryCreate(urlText, UriKind.Absolute, out url))
        {
            return false;
        }

        DateOnly? published = null;
        if (publishedText is not null)
        {
            if (publishedText.Length != 10 || !DateOnly.TryParseExact(publishedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return false;
            }

            published = d;
        }

        id ??= Source.DeriveId(publisher, title, url, published);
        value = Source.Create(id, publisher ?? string.Empty, title ?? string.Empty, url, published, language, quote);
        return true;
    }

    private static bool ReadWarning(ref Utf8JsonReader reader, out ValidationIssue value)
    {
        value = null!;
        var fields = new string?[WarningMembers.Length];
        if (reader.TokenType != JsonTokenType.StartObject || !ReadStringMembers(ref reader, WarningMembers, fields))
        {
            return false;
        }

        var (code, field, message) = (fields[0], fields[1], fields[2]);
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(message))
        {
            return false;
        }

        value = ValidationIssue.Warning(code, field ?? string.Empty, message);
        return true;
    }

    private static readonly string[] SourceMembers = ["id", "publisher", "title", "url", "published", "language", "quote"];

    private static readonly string[] WarningMembers = ["code", "field", "message"];

    /// <summary>
    /// Reads the members of the object the reader is at (its start): the named ones must be strings or null, others are
    /// skipped, a repeated member gives up (the mapper reads those).
    /// </summary>
    private static bool ReadStringMembers(ref Utf8JsonReader reader, string[] names, string?[] values)
    {
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var index = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i]))
                {
                    index = i;
                    break;
                }
            }

            if (index >= 0 && (seen & (1 << index)) != 0)
            {
                return false;
            }

            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            seen |= 1 << index;
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    break;
                case JsonTokenType.String:
                    values[index] = reader.GetString();
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>True when nothing follows the value just read (else the text is not one JSON value).</summary>
    private static bool End(ref Utf8JsonReader reader) => !reader.Read();

    /// <summary>True when every surrogate of the text is part of a pair (the JSON writer of the mapper path rejects lone surrogates).</summary>
    private static bool IsValidUtf16(string text)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return true;
        }

        for (; i < span.Length; i++)
        {
            if (!char.IsSurrogate(span[i]))
            {
                continue;
            }

            if (!char.IsHighSurrogate(span[i]) || i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
            {
                return false;
            }

            i++;
        }

        return true;
    }

    /// <summary>A string's UTF-8 bytes in a pooled buffer (strict: a lone surrogate throws <see cref="ArgumentException"/>).</summary>
    private readonly struct Utf8Text : IDisposable
    {
        private readonly byte[] _buffer;
        private readonly int _length;

        public Utf8Text(string text)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(text.Length));
            _length = StrictUtf8.GetBytes(text, _buffer);
        }

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
