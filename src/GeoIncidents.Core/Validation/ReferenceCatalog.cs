using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Validation;

/// <summary>
/// The ids a record may refer to, for <see cref="RecordValidator"/>'s reference checks (an unknown reference is an
/// error). A null set is not checked.
/// </summary>
public sealed class ReferenceCatalog
{
    /// <summary>Known party ids, or null.</summary>
    public IReadOnlySet<string>? PartyIds { get; init; }

    /// <summary>Known place ids, or null.</summary>
    public IReadOnlySet<string>? PlaceIds { get; init; }

    /// <summary>Known region ids, or null.</summary>
    public IReadOnlySet<string>? RegionIds { get; init; }

    /// <summary>Known reference line ids, or null.</summary>
    public IReadOnlySet<string>? ReferenceLineIds { get; init; }

    /// <summary>Known incident ids, or null.</summary>
    public IReadOnlySet<string>? IncidentIds { get; init; }

    /// <summary>Known zone ids, or null.</summary>
    public IReadOnlySet<string>? ZoneIds { get; init; }

    /// <summary>Builds a set of ids (ordinal) from records.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    /// <param name="id">The id selector.</param>
    /// <returns>The set.</returns>
    public static IReadOnlySet<string> IdsOf<T>(IEnumerable<T> records, Func<T, string> id) =>
        records.Select(id).ToHashSet(RecordIds.Comparer);
}
