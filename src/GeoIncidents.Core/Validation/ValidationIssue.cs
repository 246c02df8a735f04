using System.Globalization;

namespace GeoIncidents.Core.Validation;

/// <summary>How serious a <see cref="ValidationIssue"/> is.</summary>
public enum ValidationSeverity
{
    /// <summary>The record cannot be right (a claim without claimant, a distance of 0 m, NaN, an end before its start): it is rejected.</summary>
    Error,

    /// <summary>
    /// The record is only suspicious (a position far outside the region it names, a likely lat/lon swap, integer
    /// coordinates, a date in the future): it is kept, and the warning is stored on it.
    /// </summary>
    Warning,
}

/// <summary>
/// One finding of validation: its severity, a stable machine code, the field it concerns and a message for people.
/// </summary>
/// <remarks>
/// <para><see cref="Field"/> uses the record's GeoJSON names (<c>claimant</c>, <c>occurred</c>,
/// <c>displacement.distance_m</c>, <c>sources[2].url</c>); <c>id</c> and <c>geometry</c> are the Feature's own members.
/// GeoJSON readers prefix the rest with <c>properties.</c> and the feature number.</para>
/// <para>Codes are stable (clients may switch on them); see <see cref="ValidationCodes"/>.</para>
/// </remarks>
public sealed record ValidationIssue
{
    private ValidationIssue(ValidationSeverity severity, string code, string field, string message)
    {
        Severity = severity;
        Code = code;
        Field = field;
        Message = message;
    }

    /// <summary>Error or warning.</summary>
    public ValidationSeverity Severity { get; }

    /// <summary>A stable, lower-case, hyphenated code such as <c>required</c> or <c>likely-lat-lon-swap</c>.</summary>
    public string Code { get; }

    /// <summary>The field concerned, in GeoJSON names (see the remarks of <see cref="ValidationIssue"/>); empty for the whole record.</summary>
    public string Field { get; }

    /// <summary>What is wrong and, where possible, how to fix it.</summary>
    public string Message { get; }

    /// <summary>Creates an error.</summary>
    /// <param name="code">A stable code (see <see cref="ValidationCodes"/>).</param>
    /// <param name="field">The field, in GeoJSON names; empty for the whole record.</param>
    /// <param name="message">A message for people.</param>
    /// <returns>The issue.</returns>
    /// <exception cref="ArgumentException">The code or message is empty.</exception>
    public static ValidationIssue Error(string code, string field, string message) => Create(ValidationSeverity.Error, code, field, message);

    /// <summary>Creates a warning.</summary>
    /// <param name="code">A stable code (see <see cref="ValidationCodes"/>).</param>
    /// <param name="field">The field, in GeoJSON names; empty for the whole record.</param>
    /// <param name="message">A message for people.</param>
    /// <returns>The issue.</returns>
    /// <exception cref="ArgumentException">The code or message is empty.</exception>
    public static ValidationIssue Warning(string code, string field, string message) => Create(ValidationSeverity.Warning, code, field, message);

    /// <summary>Creates an issue.</summary>
    /// <param name="severity">Error or warning.</param>
    /// <param name="code">A stable code (see <see cref="ValidationCodes"/>).</param>
    /// <param name="field">The field, in GeoJSON names; empty for the whole record.</param>
    /// <param name="message">A message for people.</param>
    /// <returns>The issue.</returns>
    /// <exception cref="ArgumentException">The code or message is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The severity is not defined.</exception>
    public static ValidationIssue Create(ValidationSeverity severity, string code, string field, string message)
    {
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new ValidationIssue(severity, code, field ?? string.Empty, message);
    }

    /// <summary>The same issue with its field placed under a parent field (<c>distance_m</c> under <c>displacement</c> gives <c>displacement.distance_m</c>).</summary>
    /// <param name="parent">The parent field, e.g. <c>displacement</c> or <c>sources[1]</c>; empty leaves the field unchanged.</param>
    /// <returns>The issue with the prefixed field.</returns>
    public ValidationIssue Under(string parent)
    {
        if (string.IsNullOrEmpty(parent))
        {
            return this;
        }

        var field = Field.Length == 0 ? parent : Field.StartsWith('[') ? parent + Field : parent + "." + Field;
        return new ValidationIssue(Severity, Code, field, Message);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Severity == ValidationSeverity.Error ? "error" : "warning")} {Code}: {(Field.Length == 0 ? string.Empty : Field + ": ")}{Message}");
}
