using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Collections.Concurrent;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Spatial;

namespace GeoIncidents.Core.Storage;

/// <summary>
/// Seeds an empty store from the shipped data (<see cref="SeedData"/>): regions, reference lines, places, parties,
/// sources, zones, control events, incidents and claims, in one batch revision named <c>seed: &lt;data folder&gt;</c>
/// whose hash covers the seed files. Geometries that the seed files hold only as derivation parameters (border-band
/// claims, the Lachin corridor) are computed by <see cref="DerivationAnalysis"/> and stored with the records, so the
/// map, the OGC collections and the exports show them; the parameters stay on the records (the analyses re-derive
/// from them).
/// </summary>
public static class StoreSeeder
{
    // Derivations cost about a second; a process seeding many stores (tests, a server per tenant) pays it once per
    // seed content (keyed by the seed files' SHA-256).
    private static readonly ConcurrentDictionary<string, Lazy<Derived>> DerivedBySeedHash = new(StringComparer.Ordinal);

    /// <summary>Seeds the store when it holds no record and no revision yet; otherwise does nothing (idempotent).</summary>
    /// <param name="store">The store.</param>
    /// <param name="loadSeed">Loads the seed data (called only when seeding).</param>
    /// <param name="actor">Who seeds (<c>cli:&lt;user&gt;</c>).</param>
    /// <param name="cancellationToken">Cancels the seeding (nothing is written).</param>
    /// <returns>The batch written, or null when the store was not empty.</returns>
    /// <exception cref="SeedDataException">The seed data is invalid.</exception>
    public static async Task<BatchResult?> SeedIfEmptyAsync(IGeoIncidentStore store, Func<SeedData> loadSeed, StoreActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loadSeed);
        var stats = await store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        if (stats.LastRevision is not null || stats.Counts.Any(c => c.Active + c.Retracted > 0))
        {
            return null;
        }

        var seed = loadSeed();
        return await store.WriteBatchAsync(Writes(seed), SourceOf(seed), actor, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The seed's batch source: <c>seed: &lt;folder&gt;</c> with the SHA-256 over the seed files (path and bytes, in ordinal path order).</summary>
    /// <param name="seed">The seed data.</param>
    /// <returns>The source.</returns>
    public static BatchSource SourceOf(SeedData seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(seed.Directory, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".geojson", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                     .Select(f => Path.GetRelativePath(seed.Directory, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(seed.Directory, file)));
        }

        return new BatchSource("seed: " + seed.Directory, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The seed as writes, in dependency order (claims after their incidents).</summary>
    /// <param name="seed">The seed data.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The writes.</returns>
    public static async IAsyncEnumerable<RecordWrite> Writes(SeedData seed, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var derived = DerivedBySeedHash.GetOrAdd(SourceOf(seed).Sha256, _ => new Lazy<Derived>(() => Derive(seed))).Value;
        IEnumerable<RecordWrite> all = seed.Regions.Select(RecordWrite.Create)
            .Concat(seed.ReferenceLines.Select(RecordWrite.Create))
            .Concat(seed.Places.Select(RecordWrite.Create))
            .Concat(seed.Parties.Select(RecordWrite.Create))
            .Concat(seed.Sources.Select(RecordWrite.Create))
            .Concat(derived.Zones.Select(RecordWrite.Create))
            .Concat(seed.ControlEvents.Select(RecordWrite.Create))
            .Concat(derived.Incidents.Select(i => RecordWrite.Create(i.WithClaims([]))))
            .Concat(derived.Claims.Select(RecordWrite.Create));
        foreach (var write in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return write;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// The seed's zones and claims with the geometries their derivations give (records without one unchanged), and its
    /// incidents with their computed admin1 (<see cref="Admin1Assigner"/>).
    /// </summary>
    /// <param name="seed">The seed data.</param>
    /// <returns>The zones and claims to store.</returns>
    /// <exception cref="AnalysisException">A derivation cannot be computed from the seed.</exception>
    private static Derived Derive(SeedData seed)
    {
        var data = AnalysisData.FromSeed(seed);
        var zones = seed.Zones
            .Select(z => z.Derivation is not null && z.Geometry is null ? DerivationAnalysis.DeriveCorridor(data, z.Id).DerivedZone : z)
            .ToList();
        var claims = seed.Claims
            .Select(c => c.Derivation is not null && c.Geometry is null ? DerivationAnalysis.DeriveClaimArea(data, c).DerivedClaim : c)
            .ToList();
        var admin1 = new Admin1Assigner(seed.Regions);
        var incidents = seed.Incidents.Select(admin1.Assign).ToList();
        return new Derived(zones, claims, incidents);
    }

    private sealed record Derived(IReadOnlyList<Zone> Zones, IReadOnlyList<Claim> Claims, IReadOnlyList<Incident> Incidents);
}
