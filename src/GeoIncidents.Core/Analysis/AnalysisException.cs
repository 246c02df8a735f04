namespace GeoIncidents.Core.Analysis;

/// <summary>
/// An analysis cannot be answered as asked: an id names no record, or a parameter lies outside what the method can
/// measure honestly. A domain exception (STYLE.md rule 9): it carries a stable <see cref="ErrorCode"/> and the HTTP
/// status a service should answer with; the CLI reports it as bad input (exit 2).
/// </summary>
public sealed class AnalysisException : Exception
{
    /// <summary>Code: an id names no record (region, reference line, place, incident, claim, zone). HTTP 404.</summary>
    public const string UnknownRecordCode = "unknown-record";

    /// <summary>Code: a parameter is out of the method's range (a depth beyond 100 km, a band near a pole). HTTP 400.</summary>
    public const string OutOfDomainCode = "out-of-domain";

    /// <summary>Code: a record lacks what the analysis needs (a claim with neither geometry nor derivation). HTTP 422.</summary>
    public const string NotDerivableCode = "not-derivable";

    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">One of the codes of this class.</param>
    /// <param name="message">A message safe to show to a client, naming the parameter and the allowed values.</param>
    /// <param name="inner">The underlying exception, or null.</param>
    public AnalysisException(string errorCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The stable error code.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status for this error: 404 for an unknown record, 422 when not derivable, else 400.</summary>
    public int StatusCode => ErrorCode switch
    {
        UnknownRecordCode => 404,
        NotDerivableCode => 422,
        _ => 400,
    };

    /// <summary>An exception for an id that names no record.</summary>
    /// <param name="kind">What was looked up (<c>region</c>, <c>reference line</c>, ...).</param>
    /// <param name="id">The id given.</param>
    /// <param name="known">The known ids, listed in the message when there are few.</param>
    /// <returns>The exception.</returns>
    internal static AnalysisException Unknown(string kind, string id, IEnumerable<string> known)
    {
        var list = known.Order(StringComparer.Ordinal).ToList();
        var hint = list.Count <= 20 ? $" (known: {string.Join(", ", list)})" : $" ({list.Count} are known)";
        return new AnalysisException(UnknownRecordCode, $"unknown {kind} '{id}'{hint}");
    }
}
