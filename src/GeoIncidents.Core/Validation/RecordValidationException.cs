namespace GeoIncidents.Core.Validation;

/// <summary>
/// A record cannot be built because of one or more errors; <see cref="Issues"/> lists every one of them, each naming
/// its field. A domain exception (STYLE.md rule 9): it carries a stable <see cref="ErrorCode"/> and the HTTP status a
/// service should answer with.
/// </summary>
public sealed class RecordValidationException : Exception
{
    /// <summary>The stable error code of this exception.</summary>
    public const string InvalidRecordCode = "invalid-record";

    /// <summary>Creates the exception.</summary>
    /// <param name="recordKind">What was being built (<c>incident</c>, <c>claim</c>, ...).</param>
    /// <param name="issues">The errors (at least one); warnings in the list are kept but do not count.</param>
    /// <exception cref="ArgumentException">No issue is given.</exception>
    public RecordValidationException(string recordKind, IReadOnlyList<ValidationIssue> issues)
        : base(BuildMessage(recordKind, issues))
    {
        RecordKind = recordKind;
        Issues = issues;
    }

    /// <summary>What was being built (<c>incident</c>, <c>claim</c>, ...).</summary>
    public string RecordKind { get; }

    /// <summary>Every issue found, errors first.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>The stable error code, <c>invalid-record</c>.</summary>
    public string ErrorCode => InvalidRecordCode;

    /// <summary>The HTTP status for this error: 422 (Unprocessable Content).</summary>
    public int StatusCode => 422;

    private static string BuildMessage(string recordKind, IReadOnlyList<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (issues.Count == 0)
        {
            throw new ArgumentException("At least one issue is required.", nameof(issues));
        }

        var lines = issues.Select(i => (i.Field.Length == 0 ? string.Empty : i.Field + ": ") + i.Message);
        return $"Invalid {recordKind}: " + string.Join("; ", lines);
    }
}
