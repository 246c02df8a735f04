using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Core.Model;

/// <summary>
/// A point given either as a sourced place (its id in the places collection) or as a position: a displacement's
/// origin, or a waypoint of a corridor's centreline. Exactly one of <see cref="PlaceId"/> and <see cref="Position"/> is set.
/// </summary>
public sealed record PointReference
{
    private PointReference(string? placeId, GeoPosition? position, string? label)
    {
        PlaceId = placeId;
        Position = position;
        Label = label;
    }

    /// <summary>The place id, or null when a position is given.</summary>
    public string? PlaceId { get; }

    /// <summary>The position, or null when a place is given.</summary>
    public GeoPosition? Position { get; }

    /// <summary>An optional label saying what the point is (e.g. how a waypoint was chosen), at most 500 characters.</summary>
    public string? Label { get; }

    /// <summary>A reference to a place.</summary>
    /// <param name="placeId">The place's stable id.</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="RecordValidationException">The id is not a stable id, or the label is too long.</exception>
    public static PointReference ToPlace(string placeId, string? label = null)
    {
        var issues = new IssueCollector();
        var id = issues.Id("place", placeId);
        var text = issues.OptionalText("label", label, 500);
        issues.ThrowIfErrors("point reference");
        return new PointReference(id, null, text);
    }

    /// <summary>A position.</summary>
    /// <param name="position">The position (its longitude must lie in [-180, 180]).</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="RecordValidationException">The longitude is outside [-180, 180], or the label is too long.</exception>
    public static PointReference AtPosition(GeoPosition position, string? label = null)
    {
        var issues = new IssueCollector();
        if (position.LongitudeDegrees is < -180 or > 180)
        {
            issues.Error(ValidationCodes.OutOfRange, "position", $"longitude {position.LongitudeDegrees} is outside [-180, 180]");
        }

        var text = issues.OptionalText("label", label, 500);
        issues.ThrowIfErrors("point reference");
        return new PointReference(null, position, text);
    }

    /// <inheritdoc />
    public override string ToString() => PlaceId is not null ? $"place {PlaceId}" : $"{Position}";
}
