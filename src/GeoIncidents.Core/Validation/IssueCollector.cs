using System.Globalization;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace GeoIncidents.Core.Validation;

/// <summary>Collects the issues of one record while its factory checks it, then throws them all at once.</summary>
internal sealed class IssueCollector
{
    private readonly List<ValidationIssue> _issues = [];

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public bool HasErrors => _issues.Any(i => i.Severity == ValidationSeverity.Error);

    public void Error(string code, string field, string message) => _issues.Add(ValidationIssue.Error(code, field, message));

    public void Add(ValidationIssue issue) => _issues.Add(issue);

    public void AddRange(IEnumerable<ValidationIssue> issues, string parent)
    {
        foreach (var i in issues)
        {
            _issues.Add(i.Under(parent));
        }
    }

    /// <summary>Throws <see cref="RecordValidationException"/> when any error was collected.</summary>
    public void ThrowIfErrors(string recordKind)
    {
        if (HasErrors)
        {
            throw new RecordValidationException(recordKind, _issues.Where(i => i.Severity == ValidationSeverity.Error).ToList());
        }
    }

    public string Id(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Error(ValidationCodes.Required, field, "an id is required");
            return string.Empty;
        }

        if (!RecordIds.IsValid(value))
        {
            Error(ValidationCodes.InvalidId, field, RecordIds.Explain(value));
        }

        return value;
    }

    public string? OptionalId(string field, string? value) => string.IsNullOrEmpty(value) ? null : Id(field, value);

    public ValueList<string> Ids(string field, IEnumerable<string>? values, bool atLeastOne = false)
    {
        var list = ValueList.From(values);
        for (var i = 0; i < list.Count; i++)
        {
            Id($"{field}[{i}]", list[i]);
        }

        if (atLeastOne && list.Count == 0)
        {
            Error(ValidationCodes.Required, field, "at least one id is required");
        }

        var duplicate = list.GroupBy(v => v, RecordIds.Comparer).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Error(ValidationCodes.DuplicateId, field, $"'{duplicate.Key}' is listed twice");
        }

        return list;
    }

    public string Text(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Error(ValidationCodes.Required, field, "a non-empty text is required");
            return string.Empty;
        }

        CheckLength(field, trimmed, maxLength);
        return trimmed;
    }

    public string? OptionalText(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        CheckLength(field, trimmed, maxLength);
        return trimmed;
    }

    public void Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Error(ValidationCodes.UnknownValue, field, $"{Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a defined {typeof(TEnum).Name}");
        }
    }

    public void Positive(string field, Geodesy.Units.Length value, string what)
    {
        if (!(value.Meters > 0))
        {
            Error(ValidationCodes.OutOfRange, field, $"{what} must be greater than 0 m (was {value.Meters.ToString("R", CultureInfo.InvariantCulture)} m)");
        }
    }

    /// <summary>
    /// Checks a geometry: SRID 4326, not empty, every coordinate finite with longitude in [-180, 180] and latitude in
    /// [-90, 90], polygons topologically valid (a planar, topological test: fine on lon/lat), and one of the allowed types.
    /// </summary>
    public void Geometry(string field, Geometry? geometry, bool required, params Type[] allowed)
    {
        if (geometry is null)
        {
            if (required)
            {
                Error(ValidationCodes.Required, field, "a geometry is required");
            }

            return;
        }

        if (allowed.Length > 0 && !allowed.Any(t => t.IsInstanceOfType(geometry)))
        {
            Error(ValidationCodes.InvalidGeometry, field, $"a {geometry.GeometryType} is not allowed here (expected {string.Join(" or ", allowed.Select(t => t.Name))})");
            return;
        }

        if (geometry.SRID != GeometryFactories.Wgs84Srid)
        {
            Error(ValidationCodes.WrongSrid, field, $"SRID {geometry.SRID} is not EPSG:4326 (WGS84 lon/lat); reproject first");
            return;
        }

        if (geometry.IsEmpty)
        {
            Error(ValidationCodes.InvalidGeometry, field, $"the {geometry.GeometryType} is empty; use null for an unlocated record");
            return;
        }

        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
            {
                Error(ValidationCodes.NotFinite, field, $"coordinate ({Format(c.X)}, {Format(c.Y)}) is not finite (NaN or infinity)");
                return;
            }

            if (c.Y < -90 || c.Y > 90)
            {
                Error(ValidationCodes.OutOfRange, field, $"latitude {Format(c.Y)} of coordinate ({Format(c.X)}, {Format(c.Y)}) is outside [-90, 90] (GeoJSON order is [lon, lat])");
                return;
            }

            if (c.X < -180 || c.X > 180)
            {
                Error(ValidationCodes.OutOfRange, field, $"longitude {Format(c.X)} of coordinate ({Format(c.X)}, {Format(c.Y)}) is outside [-180, 180]");
                return;
            }
        }

        if (geometry is Polygon or MultiPolygon)
        {
            var op = new IsValidOp(geometry);
            if (!op.IsValid)
            {
                var e = op.ValidationError;
                Error(ValidationCodes.InvalidGeometry, field, $"{e.Message} at ({Format(e.Coordinate.X)}, {Format(e.Coordinate.Y)})");
            }
        }
    }

    private void CheckLength(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Error(ValidationCodes.OutOfRange, field, $"the text is {value.Length} characters long; at most {maxLength} are allowed");
        }
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
