namespace GeoIncidents.Core.Storage;

/// <summary>The kind of database behind a store.</summary>
public enum StoreBackend
{
    /// <summary><c>geopackage</c>: one GeoPackage 1.3 file.</summary>
    GeoPackage,

    /// <summary><c>postgis</c>: PostgreSQL with PostGIS.</summary>
    PostGis,
}

/// <summary>Which database a store uses.</summary>
/// <param name="Backend">The kind of database.</param>
/// <param name="Location">The file path, or <c>host:port/database</c> (never a password).</param>
public sealed record StoreDescription(StoreBackend Backend, string Location);

/// <summary>Counts of one collection.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Active">Records not retracted.</param>
/// <param name="Retracted">Retracted records.</param>
public sealed record CollectionCount(StoreCollection Collection, long Active, long Retracted);

/// <summary>Facts for <c>db info</c>.</summary>
/// <param name="SchemaVersion">The store schema version in the database.</param>
/// <param name="Counts">Per collection, in <see cref="StoreCollections.All"/> order.</param>
/// <param name="LastRevision">The newest revision entry, or null for an empty log.</param>
public sealed record StoreStatistics(int SchemaVersion, IReadOnlyList<CollectionCount> Counts, RevisionEntry? LastRevision);
