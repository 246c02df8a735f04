namespace GeoIncidents.Core.Validation;

/// <summary>The stable codes of <see cref="ValidationIssue"/> (a contract: clients may switch on them).</summary>
public static class ValidationCodes
{
    /// <summary>Error: a required value is missing or empty.</summary>
    public const string Required = "required";

    /// <summary>Error: an id is not a stable id (see <see cref="Model.RecordIds"/>).</summary>
    public const string InvalidId = "invalid-id";

    /// <summary>Error: text is too long, or a value lies outside its range.</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>Error: a number is NaN or infinite.</summary>
    public const string NotFinite = "not-finite";

    /// <summary>Error: a value is not of the expected JSON type or format (e.g. a date that is not ISO 8601).</summary>
    public const string InvalidFormat = "invalid-format";

    /// <summary>Error: an enumerated value (incident type, status, precision, kind) is not one of the known ones.</summary>
    public const string UnknownValue = "unknown-value";

    /// <summary>Error: an interval ends before it starts.</summary>
    public const string EndBeforeStart = "end-before-start";

    /// <summary>Error: a geometry is not in EPSG:4326 (SRID 4326).</summary>
    public const string WrongSrid = "wrong-srid";

    /// <summary>Error: a geometry is of the wrong type, empty, or topologically invalid.</summary>
    public const string InvalidGeometry = "invalid-geometry";

    /// <summary>Error: a reference names a record (party, place, region, line, source, incident, zone) that does not exist.</summary>
    public const string UnknownReference = "unknown-reference";

    /// <summary>Error: two records share one id.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>Error: two values that must agree do not (e.g. a claim embedded in another incident).</summary>
    public const string Inconsistent = "inconsistent";

    /// <summary>Warning: a position lies far outside the region the record names.</summary>
    public const string FarOutsideRegion = "far-outside-region";

    /// <summary>Warning: the position swapped (lat for lon) falls where the record says, while the given one does not.</summary>
    public const string LikelyLatLonSwap = "likely-lat-lon-swap";

    /// <summary>Warning: coordinates are rounded more coarsely than the stated location precision (e.g. integers).</summary>
    public const string LowCoordinatePrecision = "low-coordinate-precision";

    /// <summary>Warning: a date lies in the future.</summary>
    public const string FutureDate = "future-date";

    /// <summary>Warning: a record cites no source.</summary>
    public const string NoSource = "no-source";
}
