namespace GeoIncidents.Core.Storage;

/// <summary>A record as stored, with what the store keeps about it.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Record">The record (incidents and claims also carry <paramref name="Revision"/> and <paramref name="Updated"/> themselves).</param>
/// <param name="Fid">The internal integer feature id (GeoPackage <c>fid</c>, PostGIS primary key); never reused.</param>
/// <param name="Revision">The record's revision number: 1 when created, +1 for every update or retraction. Pass it back as the expected revision of the next write.</param>
/// <param name="Created">When it was created in this store (UTC).</param>
/// <param name="Updated">When it last changed (UTC).</param>
/// <param name="Retracted">Whether it is retracted (a delete retracts; the row stays).</param>
public sealed record Stored<T>(T Record, long Fid, int Revision, DateTimeOffset Created, DateTimeOffset Updated, bool Retracted)
    where T : class;

/// <summary>One page of a query.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Items">The records, in the collection's stable order.</param>
/// <param name="Next">The continuation token for the next page (<see cref="RecordQuery.After"/>), or null when this is the last page.</param>
public sealed record StorePage<T>(IReadOnlyList<Stored<T>> Items, string? Next)
    where T : class;
