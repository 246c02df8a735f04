using NetTopologySuite.Geometries;

namespace GeoIncidents.Storage.Records;

/// <summary>
/// A stored record as EF Core sees it: the bookkeeping columns as typed properties, the record's own columns (named as
/// its GeoJSON properties, see <see cref="StoreTables"/>) as indexer properties. One subclass per table.
/// </summary>
internal abstract class RecordRow
{
    // Created on the first set: rows a bulk insert writes never hold record columns (the row image carries them).
    private Dictionary<string, object?>? _values;

    /// <summary>The integer primary key (<c>fid</c>).</summary>
    public long Fid { get; set; }

    /// <summary>The stable id (<c>id</c>, unique).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The record's revision number (<c>revision</c>); null on rows written by another tool.</summary>
    public int? Revision { get; set; }

    /// <summary>When the store created (or adopted) the row (<c>created</c>); null marks a row written by another tool, not yet adopted.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>When the row last changed (<c>updated</c>).</summary>
    public DateTimeOffset? Updated { get; set; }

    /// <summary>Retracted (<c>retracted</c>).</summary>
    public bool Retracted { get; set; }

    /// <summary>Start of the time window (inclusive, UTC; <c>time_start</c>), null when unbounded; mapped on temporal tables only.</summary>
    public DateTimeOffset? TimeStart { get; set; }

    /// <summary>End of the time window (exclusive, UTC; <c>time_end</c>), null when unbounded; mapped on temporal tables only.</summary>
    public DateTimeOffset? TimeEnd { get; set; }

    /// <summary>Lower-cased searchable text (<c>search_text</c>); mapped on incidents and claims only.</summary>
    public string? SearchText { get; set; }

    /// <summary>The geometry (<c>geom</c>); mapped on feature tables only.</summary>
    public Geometry? Geometry { get; set; }

    /// <summary>The record's own columns by GeoJSON property name (EF Core indexer properties).</summary>
    /// <param name="name">The column name.</param>
    public object? this[string name]
    {
        get => _values is not null && _values.TryGetValue(name, out var value) ? value : null;
        set => (_values ??= new(StringComparer.Ordinal))[name] = value;
    }
}

internal sealed class IncidentRow : RecordRow;

internal sealed class ClaimRow : RecordRow;

internal sealed class RegionRow : RecordRow;

internal sealed class ReferenceLineRow : RecordRow;

internal sealed class ZoneRow : RecordRow;

internal sealed class PlaceRow : RecordRow;

internal sealed class PartyRow : RecordRow;

internal sealed class SourceRow : RecordRow;

internal sealed class ControlEventRow : RecordRow;

internal sealed class ApiKeyRow : RecordRow;

/// <summary>One entry of the append-only revision log (table <c>revisions</c>).</summary>
internal sealed class RevisionRow
{
    public long Fid { get; set; }

    /// <summary>Collection wire name of a single-record entry, null for a batch.</summary>
    public string? Collection { get; set; }

    public string? RecordId { get; set; }

    public int? Revision { get; set; }

    /// <summary><c>created</c>, <c>updated</c>, <c>retracted</c>, <c>batch</c> or <c>adopted</c>.</summary>
    public string Action { get; set; } = string.Empty;

    public string Actor { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>JSON array of GeoJSON property names.</summary>
    public string? ChangedFields { get; set; }

    /// <summary>GeoJSON Feature text of the record after the change (single-record entries).</summary>
    public string? Snapshot { get; set; }

    public string? BatchSource { get; set; }

    public string? BatchSha256 { get; set; }

    /// <summary>JSON {"collection": {"created": {"id": revision}, "updated": {...}}} (batch and adoption entries).</summary>
    public string? BatchRecords { get; set; }

    public int? BatchCount { get; set; }
}

/// <summary>A key/value of the store's own metadata (table <c>geoincidents_meta</c>): the schema version.</summary>
internal sealed class MetaRow
{
    public long Fid { get; set; }

    public string Key { get; set; } = string.Empty;

    public string? Value { get; set; }
}
