using GeoIncidents.Core.Analysis;
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
    private ImportContext(IReadOnlyList<Region> regions, IReadOnlyList<ReferenceLine> lines, IReadOnlyList<Place> places, RecordValidator validator, AcledGazetteer gazetteer)
    {
        Regions = regions;
        _derivations = new Lazy<AnalysisData>(() => new AnalysisData(regions, lines, places));
        Admin1 = new Admin1Assigner(regions);
        Validator = validator;
        Gazetteer = gazetteer;
    }

    private readonly Lazy<AnalysisData> _derivations;

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

        var lines = await AllAsync(store.ReferenceLines, all, ct).ConfigureAwait(false);
        var places = await AllAsync(store.Places, all, ct).ConfigureAwait(false);
        var catalog = new ReferenceCatalog
        {
            RegionIds = ReferenceCatalog.IdsOf(regions, r => r.Id),
            PartyIds = await IdsAsync(store.Parties, all, p => p.Id, ct).ConfigureAwait(false),
            PlaceIds = ReferenceCatalog.IdsOf(places, p => p.Id),
            ReferenceLineIds = ReferenceCatalog.IdsOf(lines, l => l.Id),
            ZoneIds = await IdsAsync(store.Zones, all, z => z.Id, ct).ConfigureAwait(false),
        };
        return new ImportContext(regions, lines, places, new RecordValidator(new RegionIndex(regions), clock, catalog), new AcledGazetteer(regions));
    }

    /// <summary>
    /// A claim with a derivation and no geometry, with the area its derivation gives (<see cref="DerivationAnalysis.DeriveClaimArea"/>,
    /// on the store's regions, reference lines and places), as seeding stores it; any other claim unchanged.
    /// </summary>
    /// <param name="claim">A valid claim (its references checked).</param>
    /// <returns>The claim to store.</returns>
    /// <exception cref="AnalysisException">The area cannot be computed (e.g. a parameter outside the method's domain).</exception>
    public Claim Materialise(Claim claim) =>
        claim.Derivation is not null && claim.Geometry is null ? DerivationAnalysis.DeriveClaimArea(_derivations.Value, claim).DerivedClaim : claim;

    /// <summary>A zone with a corridor derivation and no geometry, with the outline its derivation gives; any other zone unchanged.</summary>
    /// <param name="zone">A valid zone (its references checked).</param>
    /// <returns>The zone to store.</returns>
    /// <exception cref="AnalysisException">The corridor cannot be computed.</exception>
    public Zone Materialise(Zone zone) =>
        zone.Derivation is not null && zone.Geometry is null ? DerivationAnalysis.DeriveCorridor(_derivations.Value, zone).DerivedZone : zone;

    private static async Task<List<T>> AllAsync<T>(IRecordSet<T> set, RecordQuery query, CancellationToken ct)
        where T : class
    {
        var list = new List<T>();
        await foreach (var r in set.StreamAsync(query, ct).ConfigureAwait(false))
        {
            list.Add(r.Record);
        }

        return list;
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
