namespace GeoIncidents.Core.Validation;

/// <summary>The result of validating a record in its context: errors (it must be rejected) and warnings (keep it, flag it).</summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="issues">The issues, errors and warnings.</param>
    public ValidationReport(IEnumerable<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        Issues = issues.ToList();
    }

    /// <summary>Every issue.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>The errors.</summary>
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == ValidationSeverity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == ValidationSeverity.Warning);

    /// <summary>True when there is at least one error.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == ValidationSeverity.Error);
}
