using System.Globalization;
using GeoIncidents.Core.Validation;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// A problem with one feature of a GeoJSON input: its number (1-based position in the collection or sequence; 0 for
/// the document as a whole), the field (<c>properties.occurred</c>, <c>geometry</c>, <c>id</c>; empty for the whole
/// feature) and a message. Printed as <c>feature 3: properties.occurred: ...</c>.
/// </summary>
/// <param name="Number">The feature's 1-based number, or 0 for the document.</param>
/// <param name="Field">The JSON path of the field in the feature, or empty.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">The stable code (see <see cref="ValidationCodes"/>).</param>
public sealed record FeatureError(int Number, string Field, string Message, string Code)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Number == 0 ? "document" : $"feature {Number}")}: {(Field.Length == 0 ? string.Empty : Field + ": ")}{Message}");
}

/// <summary>The outcome of reading one feature: the record, or the errors that prevented it (all of them).</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Number">The feature's 1-based number (0 for a document-level error).</param>
/// <param name="Value">The record, or null when <see cref="Errors"/> is not empty.</param>
/// <param name="Errors">Every error found in the feature.</param>
public sealed record FeatureReadResult<T>(int Number, T? Value, IReadOnlyList<FeatureError> Errors)
    where T : class
{
    /// <summary>True when the feature was read without error.</summary>
    public bool IsValid => Errors.Count == 0 && Value is not null;
}

/// <summary>All features of an input, read: the records and every error (for all-or-nothing imports).</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Values">The records read without error, in input order.</param>
/// <param name="Errors">Every error of every bad feature, in input order.</param>
/// <param name="FeatureCount">How many features were seen.</param>
public sealed record FeatureBatch<T>(IReadOnlyList<T> Values, IReadOnlyList<FeatureError> Errors, int FeatureCount)
    where T : class
{
    /// <summary>True when every feature was read without error.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The numbers of the bad features, ascending, without repeats (0 stands for a document-level error).</summary>
    public IReadOnlyList<int> BadFeatureNumbers => Errors.Select(e => e.Number).Distinct().Order().ToList();
}

/// <summary>A GeoJSON feature (or several) could not be read; <see cref="Errors"/> lists every problem.</summary>
public sealed class GeoJsonFeatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The errors, at least one.</param>
    public GeoJsonFeatureException(IReadOnlyList<FeatureError> errors)
        : base(string.Join(Environment.NewLine, errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>The errors.</summary>
    public IReadOnlyList<FeatureError> Errors { get; }

    /// <summary>The stable error code of this exception (<c>invalid-geojson</c>).</summary>
    public string ErrorCode => "invalid-geojson";

    /// <summary>The HTTP status for this error: 400 (Bad Request).</summary>
    public int StatusCode => 400;
}

/// <summary>Options for reading records from GeoJSON.</summary>
public sealed class GeoJsonReadOptions
{
    /// <summary>The default options: ids are required, sources must be embedded as objects.</summary>
    public static GeoJsonReadOptions Default { get; } = new();

    /// <summary>
    /// Creates an id for a feature that has none (a new record sent to the service). When null, a missing id is an
    /// error ("to create an incident, title, type and occurred are enough" needs a generator here).
    /// </summary>
    public Func<string>? NewId { get; init; }

    /// <summary>
    /// Sources by id, so that <c>sources</c> may list ids (<c>["s1", "s3"]</c>) instead of embedded objects; an id not
    /// found is an error.
    /// </summary>
    public IReadOnlyDictionary<string, Model.Source>? Sources { get; init; }

    /// <summary>The incident an embedded claim belongs to when it has no <c>incident</c> property.</summary>
    internal string? ParentIncidentId { get; init; }

    internal GeoJsonReadOptions ForClaimsOf(string incidentId) => new() { NewId = NewId, Sources = Sources, ParentIncidentId = incidentId };
}
