using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Model;

/// <summary>
/// The stated positional accuracy of a dataset (a region's outline, a reference line): median and 95th-percentile
/// offsets from a better depiction, the maximum when measured, and whether the figures are <see cref="Assumed"/>
/// rather than measured (an assumed figure must be flagged wherever it is used).
/// </summary>
public sealed record PositionalAccuracy
{
    private PositionalAccuracy(Length? median, Length p95, Length? max, bool assumed, string? note)
    {
        Median = median;
        P95 = p95;
        Max = max;
        Assumed = assumed;
        Note = note;
    }

    /// <summary>The median offset, or null when not assessed.</summary>
    public Length? Median { get; }

    /// <summary>The 95th-percentile offset (the figure measurements quote), greater than 0 m.</summary>
    public Length P95 { get; }

    /// <summary>The largest offset measured, or null.</summary>
    public Length? Max { get; }

    /// <summary>True when the figures are an assumption, not a measurement.</summary>
    public bool Assumed { get; }

    /// <summary>How the figures were obtained, at most 2,000 characters.</summary>
    public string? Note { get; }

    /// <summary>Creates an accuracy statement.</summary>
    /// <param name="p95">The 95th-percentile offset, greater than 0 m.</param>
    /// <param name="assumed">True when the figures are assumed.</param>
    /// <param name="median">The median, greater than 0 m and not above <paramref name="p95"/>, or null.</param>
    /// <param name="max">The maximum, not below <paramref name="p95"/>, or null.</param>
    /// <param name="note">How the figures were obtained.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="RecordValidationException">A figure is out of range or out of order.</exception>
    public static PositionalAccuracy Create(Length p95, bool assumed, Length? median = null, Length? max = null, string? note = null)
    {
        var issues = new IssueCollector();
        issues.Positive("accuracy_p95_m", p95, "a p95 accuracy");
        if (median is { } m)
        {
            issues.Positive("accuracy_median_m", m, "a median accuracy");
            if (m > p95)
            {
                issues.Error(ValidationCodes.OutOfRange, "accuracy_median_m", $"the median ({m}) exceeds the p95 ({p95})");
            }
        }

        if (max is { } x && x < p95)
        {
            issues.Error(ValidationCodes.OutOfRange, "accuracy_max_m", $"the maximum ({x}) is below the p95 ({p95})");
        }

        var text = issues.OptionalText("accuracy_note", note, 2_000);
        issues.ThrowIfErrors("positional accuracy");
        return new PositionalAccuracy(median, p95, max, assumed, text);
    }
}

/// <summary>The positional uncertainty of a derived geometry (a zone), as a radius with its reasoning.</summary>
public sealed record PositionalUncertainty
{
    private PositionalUncertainty(Length radius, string reasoning)
    {
        Radius = radius;
        Reasoning = reasoning;
    }

    /// <summary>How far the true edge may lie from the derived one, greater than 0 m. GeoJSON <c>uncertainty_m</c>.</summary>
    public Length Radius { get; }

    /// <summary>Why that figure, at most 4,000 characters. GeoJSON <c>uncertainty_reasoning</c>.</summary>
    public string Reasoning { get; }

    /// <summary>Creates the statement.</summary>
    /// <param name="radius">Greater than 0 m.</param>
    /// <param name="reasoning">Why that figure (required).</param>
    /// <returns>The statement.</returns>
    /// <exception cref="RecordValidationException">The radius is not positive or the reasoning is missing.</exception>
    public static PositionalUncertainty Create(Length radius, string reasoning)
    {
        var issues = new IssueCollector();
        issues.Positive("uncertainty_m", radius, "an uncertainty radius");
        var text = issues.Text("uncertainty_reasoning", reasoning, 4_000);
        issues.ThrowIfErrors("positional uncertainty");
        return new PositionalUncertainty(radius, text);
    }
}
