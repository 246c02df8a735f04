using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Spatial;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;

namespace GeoIncidents.Storage.Interchange;

/// <summary>
/// What an import checks records against, read once from the store: the regions (for admin1 names, plausibility
/// warnings and reference checks) and the ids of parties, places, reference lines and zones (claims and zones refer
/// to them). Incident ids are not loaded (a store may hold millions): claims about unknown incidents are refused by
/// the store itself.
/// </summary>
internal sealed class ImportContext
{
    private ImportContext(IReadOnlyList<Region> regions, RecordValidator validator, AcledGazetteer gazetteer)
    {
        Regions = regions;
        Admin1 = new Admin1Assigner(regions);
        Validator = validator;
        Gazetteer = gazetteer;
    }

    public IReadOnlyList<Region> Regions { get; }

    public RecordValidator Validator { get; }

    public AcledGazetteer Gazetteer { get; }

    /// <summary>Gives incidents with a location and no stated admin1 the first-level unit containing it.</summary>
    public Admin1Assigner Admin1 { get; }

    public static async Task<ImportContext> LoadAsync(IGeoIncidentStore store, TimeProvider clock, CancellationToken ct)
    {
        var all = new RecordQuery { Limit = RecordQuery.MaxLimit };
        var regions = new List<Region>();
        await foreach (var r in store.Regions.StreamAsync(all, ct).ConfigureAwait(false))
        {
            regions.Add(r.Record);
        }

        var catalog = new ReferenceCatalog
        {
            RegionIds = ReferenceCatalog.IdsOf(regions, r => r.Id),
            PartyIds = await IdsAsync(store.Parties, all, p => p.Id, ct).ConfigureAwait(false),
            PlaceIds = await IdsAsync(store.Places, all, p => p.Id, ct).ConfigureAwait(false),
            ReferenceLineIds = await IdsAsync(store.ReferenceLines, all, l => l.Id, ct).ConfigureAwait(false),
            ZoneIds = await IdsAsync(store.Zones, all, z => z.Id, ct).ConfigureAwait(false),
        };
        return new ImportContext(regions, new RecordValidator(new RegionIndex(regions), clock, catalog), new AcledGazetteer(regions));
    }

    private static async Task<IReadOnlySet<string>> IdsAsync<T>(IRecordSet<T> set, RecordQuery query, Func<T, string> id, CancellationToken ct)
        where T : class
    {
        var ids = new HashSet<string>(RecordIds.Comparer);
        await foreach (var r in set.StreamAsync(query, ct).ConfigureAwait(false))
        {
            ids.Add(id(r.Record));
        }

        return ids;
    }
}
