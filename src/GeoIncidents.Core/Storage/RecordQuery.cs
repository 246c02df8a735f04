using GeoIncidents.Core.Model;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// What to read from a collection: filters (all must hold), the page size and where to continue. Results come in a
/// stable order (incidents and claims by the start of their widened time window, then id; other collections by id)
/// and are paged by KEYSET: pass <see cref="StorePage{T}.Next"/> back as <see cref="After"/>, never an offset.
/// </summary>
/// <remarks>
/// Which filter applies where (a filter given for a collection that does not support it throws
/// <see cref="ArgumentException"/> from the store): <see cref="Bbox"/> on feature collections;
/// <see cref="DateTime"/> on incidents, claims (their own occurrence, else their incident's), zones and reference
/// lines (validity) and control events (the effective day); <see cref="Region"/> on incidents (geometry intersects the
/// region's outline, or <c>admin1</c> equals the region id) and claims (geometry intersects);
/// <see cref="Types"/> and <see cref="Statuses"/> on incidents; <see cref="Party"/> on incidents (the claimant of
/// any of its claims that is not retracted) and claims (the claimant); <see cref="Text"/> on incidents (title,
/// description and the asserted text of its claims) and claims (asserted), case-insensitive substring;
/// <see cref="IncidentId"/> on claims.
/// </remarks>
public sealed record RecordQuery
{
    /// <summary>The default page size (OGC API - Features).</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Only records whose geometry intersects the box (exactly, after the spatial index prefilter).</summary>
    public BoundingBox? Bbox { get; init; }

    /// <summary>Only records whose time window intersects this instant or interval.</summary>
    public DateTimeFilter? DateTime { get; init; }

    /// <summary>Only records in this region (a region id such as <c>AM-SU</c>); an unknown id matches nothing.</summary>
    public string? Region { get; init; }

    /// <summary>Only incidents of these types (any of them).</summary>
    public IReadOnlyList<IncidentType>? Types { get; init; }

    /// <summary>Only incidents with these statuses; including <see cref="IncidentStatus.Retracted"/> shows retracted incidents.</summary>
    public IReadOnlyList<IncidentStatus>? Statuses { get; init; }

    /// <summary>Only records involving this party id (see the remarks).</summary>
    public string? Party { get; init; }

    /// <summary>Only records whose text contains this (case-insensitive, at least 1 and at most 200 characters).</summary>
    public string? Text { get; init; }

    /// <summary>Only claims about this incident id.</summary>
    public string? IncidentId { get; init; }

    /// <summary>Show retracted records too (they are hidden by default); a <see cref="Statuses"/> filter decides for incidents.</summary>
    public bool IncludeRetracted { get; init; }

    /// <summary>The page size, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The continuation token of the previous page (<see cref="StorePage{T}.Next"/>), or null for the first page.</summary>
    public string? After { get; init; }

    /// <summary>Checks the values that do not depend on the collection.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Limit"/> is out of range or <see cref="Text"/> is empty or too long.</exception>
    /// <exception cref="ArgumentException">An id filter is not a stable id.</exception>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"limit must be 1 to {MaxLimit}");
        }

        if (Text is not null && (Text.Trim().Length == 0 || Text.Length > 200))
        {
            throw new ArgumentOutOfRangeException(nameof(Text), Text, "a text filter is 1 to 200 characters");
        }

        foreach (var (name, id) in new[] { (nameof(Region), Region), (nameof(Party), Party), (nameof(IncidentId), IncidentId) })
        {
            if (id is not null && !RecordIds.IsValid(id))
            {
                throw new ArgumentException($"{name} '{id}' is not a stable id", name);
            }
        }
    }
}
