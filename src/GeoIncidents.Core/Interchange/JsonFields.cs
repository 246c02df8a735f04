using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Validation;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Interchange;

/// <summary>Collects the errors of one feature and decides which model issues to keep (not those of fields that already failed to parse).</summary>
internal sealed class FeatureErrorSink(int number)
{
    private readonly List<FeatureError> _errors = [];
    private readonly HashSet<string> _failedFields = new(StringComparer.Ordinal);

    public int Number { get; } = number;

    public IReadOnlyList<FeatureError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message, string code = ValidationCodes.InvalidFormat)
    {
        _errors.Add(new FeatureError(Number, field, message, code));
        _failedFields.Add(field);
    }

    /// <summary>Adds model issues, mapped to JSON paths, skipping fields (or their parents/children) that already failed to parse.</summary>
    public void AddIssues(IEnumerable<ValidationIssue> issues, Func<string, string> toPath)
    {
        foreach (var issue in issues.Where(i => i.Severity == ValidationSeverity.Error))
        {
            var path = toPath(issue.Field);
            if (_failedFields.Any(f => Related(f, path)))
            {
                continue;
            }

            _errors.Add(new FeatureError(Number, path, issue.Message, issue.Code));
        }
    }

    private static bool Related(string a, string b) =>
        a == b || b.StartsWith(a + ".", StringComparison.Ordinal) || b.StartsWith(a + "[", StringComparison.Ordinal)
        || a.StartsWith(b + ".", StringComparison.Ordinal) || a.StartsWith(b + "[", StringComparison.Ordinal);
}

/// <summary>Typed, error-collecting access to the members of a JSON object (a feature's properties or a nested object).</summary>
internal readonly struct JsonFields
{
    private readonly JsonElement _object;
    private readonly bool _present;

    public JsonFields(JsonElement obj, string path, FeatureErrorSink sink)
    {
        _object = obj;
        _present = obj.ValueKind == JsonValueKind.Object;
        Path = path;
        Sink = sink;
    }

    public string Path { get; }

    public FeatureErrorSink Sink { get; }

    public string FieldPath(string name) => Path.Length == 0 ? name : Path + "." + name;

    public bool Has(string name) => _present && _object.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Raw(string name) =>
        _present && _object.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public string? Text(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        Sink.Add(FieldPath(name), $"expected a string, found {Describe(v)}");
        return null;
    }

    public double? Number(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
        {
            return d;
        }

        Sink.Add(FieldPath(name), $"expected a finite number, found {Describe(v)}");
        return null;
    }

    public long? Integer(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i))
        {
            return i;
        }

        // GeoJSON writers (and GeoJSON4STJ) may write integers as 616085.0
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            return (long)d;
        }

        Sink.Add(FieldPath(name), $"expected an integer, found {Describe(v)}");
        return null;
    }

    public bool? Bool(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        Sink.Add(FieldPath(name), $"expected true or false, found {Describe(v)}");
        return null;
    }

    public DateOnly? Date(string name)
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }

        if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Sink.Add(FieldPath(name), $"'{s}' is not an ISO 8601 date (yyyy-MM-dd)");
        return null;
    }

    public DateTimeOffset? Instant(string name)
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }

        if (s.Contains('T', StringComparison.Ordinal) && (s.EndsWith('Z') || (s.Length > 6 && s[^6] is '+' or '-'))
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t.ToUniversalTime();
        }

        Sink.Add(FieldPath(name), $"'{s}' is not an ISO 8601 date-time with a time zone (e.g. 2026-11-26T10:00:00Z)");
        return null;
    }

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, System.Enum
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }

        if (WireNames.TryParse<TEnum>(s, out var value))
        {
            return value;
        }

        Sink.Add(FieldPath(name), $"unknown value '{s}' (known: {string.Join(", ", WireNames.All<TEnum>())})", ValidationCodes.UnknownValue);
        return null;
    }

    public IReadOnlyList<JsonElement> Array(string name)
    {
        if (Raw(name) is not { } v)
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.Array)
        {
            return v.EnumerateArray().ToList();
        }

        Sink.Add(FieldPath(name), $"expected an array, found {Describe(v)}");
        return [];
    }

    public IReadOnlyList<string> TextList(string name)
    {
        var items = Array(name);
        var list = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.String)
            {
                list.Add(items[i].GetString()!);
            }
            else
            {
                Sink.Add($"{FieldPath(name)}[{i}]", $"expected a string, found {Describe(items[i])}");
            }
        }

        return list;
    }

    public JsonFields? Object(string name)
    {
        if (Raw(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Object)
        {
            return new JsonFields(v, FieldPath(name), Sink);
        }

        Sink.Add(FieldPath(name), $"expected an object, found {Describe(v)}");
        return null;
    }

    /// <summary>Parses [lon, lat] at a path.</summary>
    public static Coordinate? LonLat(JsonElement v, string path, FeatureErrorSink sink)
    {
        if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() is 2 or 3)
        {
            var items = v.EnumerateArray().ToList();
            if (items.Take(2).All(i => i.ValueKind == JsonValueKind.Number) && items[0].TryGetDouble(out var lon) && items[1].TryGetDouble(out var lat))
            {
                if (lat is < -90 or > 90)
                {
                    sink.Add(path, $"latitude {lat.ToString("R", CultureInfo.InvariantCulture)} is outside [-90, 90] (positions are [lon, lat])", ValidationCodes.OutOfRange);
                    return null;
                }

                if (lon is < -180 or > 180)
                {
                    sink.Add(path, $"longitude {lon.ToString("R", CultureInfo.InvariantCulture)} is outside [-180, 180]", ValidationCodes.OutOfRange);
                    return null;
                }

                return new Coordinate(lon, lat);
            }
        }

        sink.Add(path, $"expected a position [lon, lat], found {Describe(v)}");
        return null;
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string '{RecordIds.Shorten(v.GetString() ?? string.Empty)}'",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{v.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => v.ValueKind.ToString(),
    };
}
