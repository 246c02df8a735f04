using System.Collections.Concurrent;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Core.Analysis;

/// <summary>
/// The records the analyses read: regions, reference lines, places, zones, control events, parties and incidents
/// (with their claims), indexed by id, with the regions prepared for point-in-polygon tests. Built from the shipped
/// seed data (<see cref="FromSeed"/>) or from a store (<see cref="FromStoreAsync"/>). Immutable and thread-safe.
/// </summary>
public sealed class AnalysisData
{
    private readonly Dictionary<string, Region> _regions;
    private readonly Dictionary<string, ReferenceLine> _lines;
    private readonly Dictionary<string, Place> _places;
    private readonly Dictionary<string, Zone> _zones;
    private readonly Dictionary<string, Incident> _incidents;
    private readonly Dictionary<string, Party> _parties;
    private readonly ConcurrentDictionary<string, Lazy<object>> _cache = new(StringComparer.Ordinal);

    /// <summary>Builds the data set.</summary>
    /// <param name="regions">Countries and first-level units.</param>
    /// <param name="referenceLines">The reference lines.</param>
    /// <param name="places">The places.</param>
    /// <param name="zones">The zones, or null.</param>
    /// <param name="controlEvents">The control events, or null.</param>
    /// <param name="incidents">The incidents with their claims, or null.</param>
    /// <param name="parties">The parties, or null.</param>
    /// <exception cref="ArgumentNullException">A required list is null.</exception>
    /// <exception cref="ArgumentException">Two records of one kind share an id.</exception>
    public AnalysisData(
        IEnumerable<Region> regions,
        IEnumerable<ReferenceLine> referenceLines,
        IEnumerable<Place> places,
        IEnumerable<Zone>? zones = null,
        IEnumerable<ControlEvent>? controlEvents = null,
        IEnumerable<Incident>? incidents = null,
        IEnumerable<Party>? parties = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(referenceLines);
        ArgumentNullException.ThrowIfNull(places);
        Regions = regions.ToList();
        // A stable order whatever the source (seed files or a store): reports and comparisons must not depend on it.
        ReferenceLines = referenceLines.OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
        Places = places.ToList();
        Zones = (zones ?? []).ToList();
        ControlEvents = (controlEvents ?? []).ToList();
        Incidents = (incidents ?? []).ToList();
        Parties = (parties ?? []).ToList();
        _regions = Index(Regions, r => r.Id, "region");
        _lines = Index(ReferenceLines, l => l.Id, "reference line");
        _places = Index(Places, p => p.Id, "place");
        _zones = Index(Zones, z => z.Id, "zone");
        _incidents = Index(Incidents, i => i.Id, "incident");
        _parties = Index(Parties, p => p.Id, "party");
        RegionIndex = new RegionIndex(Regions);
        Countries = Regions.Where(r => r.Kind == RegionKind.Country).ToList();
    }

    /// <summary>Countries and first-level units.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>The regions of kind country.</summary>
    public IReadOnlyList<Region> Countries { get; }

    /// <summary>The reference lines, ordered by id.</summary>
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; }

    /// <summary>The places.</summary>
    public IReadOnlyList<Place> Places { get; }

    /// <summary>The zones (geometry possibly null until derived).</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>The control events.</summary>
    public IReadOnlyList<ControlEvent> ControlEvents { get; }

    /// <summary>The incidents with their claims.</summary>
    public IReadOnlyList<Incident> Incidents { get; }

    /// <summary>The parties.</summary>
    public IReadOnlyList<Party> Parties { get; }

    /// <summary>The regions prepared for point-in-polygon tests.</summary>
    public RegionIndex RegionIndex { get; }

    /// <summary>The analysis data of the shipped seed data.</summary>
    /// <param name="seed">The loaded seed data.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="seed"/> is null.</exception>
    public static AnalysisData FromSeed(SeedData seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return new AnalysisData(seed.Regions, seed.ReferenceLines, seed.Places, seed.Zones, seed.ControlEvents, seed.Incidents, seed.Parties);
    }

    /// <summary>
    /// The analysis data of a store: every active (not retracted) record of the collections the analyses read, with
    /// each incident's claims attached.
    /// </summary>
    /// <param name="store">An open store.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentException">Two records of one kind share an id.</exception>
    public static async Task<AnalysisData> FromStoreAsync(IGeoIncidentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var regions = await AllAsync(store.Regions, cancellationToken).ConfigureAwait(false);
        var lines = await AllAsync(store.ReferenceLines, cancellationToken).ConfigureAwait(false);
        var places = await AllAsync(store.Places, cancellationToken).ConfigureAwait(false);
        var zones = await AllAsync(store.Zones, cancellationToken).ConfigureAwait(false);
        var events = await AllAsync(store.ControlEvents, cancellationToken).ConfigureAwait(false);
        var parties = await AllAsync(store.Parties, cancellationToken).ConfigureAwait(false);
        var claims = (await AllAsync(store.Claims, cancellationToken).ConfigureAwait(false)).ToLookup(c => c.IncidentId, RecordIds.Comparer);
        var incidents = (await AllAsync(store.Incidents, cancellationToken).ConfigureAwait(false)).Select(i => i.WithClaims(claims[i.Id]));
        return new AnalysisData(regions, lines, places, zones, events, incidents, parties);
    }

    /// <summary>A region by id.</summary>
    /// <param name="id">The region id (ISO 3166, e.g. <c>AM-SU</c>).</param>
    /// <returns>The region.</returns>
    /// <exception cref="AnalysisException">No region has that id (code <c>unknown-record</c>).</exception>
    public Region Region(string id) => Find(_regions, id, "region");

    /// <summary>A reference line by id.</summary>
    /// <param name="id">The line id (e.g. <c>osm-2020</c>).</param>
    /// <returns>The line.</returns>
    /// <exception cref="AnalysisException">No line has that id (code <c>unknown-record</c>).</exception>
    public ReferenceLine ReferenceLine(string id) => Find(_lines, id, "reference line");

    /// <summary>A place by id.</summary>
    /// <param name="id">The place id (e.g. <c>sev-lich</c>).</param>
    /// <returns>The place.</returns>
    /// <exception cref="AnalysisException">No place has that id (code <c>unknown-record</c>).</exception>
    public Place Place(string id) => Find(_places, id, "place");

    /// <summary>A zone by id.</summary>
    /// <param name="id">The zone id.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="AnalysisException">No zone has that id (code <c>unknown-record</c>).</exception>
    public Zone Zone(string id) => Find(_zones, id, "zone");

    /// <summary>An incident by id.</summary>
    /// <param name="id">The incident id.</param>
    /// <returns>The incident, with its claims.</returns>
    /// <exception cref="AnalysisException">No incident has that id (code <c>unknown-record</c>).</exception>
    public Incident Incident(string id) => Find(_incidents, id, "incident");

    /// <summary>A party by id, or null when unknown (parties are labels only).</summary>
    /// <param name="id">The party id.</param>
    /// <returns>The party, or null.</returns>
    public Party? PartyOrNull(string? id) => id is not null && _parties.TryGetValue(id, out var p) ? p : null;

    /// <summary>The reference lines to measure against: all of them, or the one named.</summary>
    /// <param name="id">A line id, or null for all.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="AnalysisException">The id names no line.</exception>
    public IReadOnlyList<ReferenceLine> LinesOrAll(string? id) => id is null ? ReferenceLines : [ReferenceLine(id)];

    /// <summary>The country containing a position (topological point-in-polygon on lon/lat; the boundary counts), or null.</summary>
    /// <param name="position">The position (longitude reduced to [-180, 180) first).</param>
    /// <returns>The first country containing it, or null (at sea, or outside every shipped country).</returns>
    public Region? CountryAt(GeoPosition position) =>
        Countries.FirstOrDefault(c => RegionIndex.Contains(c.Id, Normalized(position)));

    /// <summary>The first-level units containing a position (topological, on lon/lat; NE internal boundaries are coarse).</summary>
    /// <param name="position">The position.</param>
    /// <param name="country">Only units of this country (alpha-2), or null for any.</param>
    /// <returns>The units containing it (usually one; two where outlines overlap or on a shared boundary).</returns>
    public IReadOnlyList<Region> SubdivisionsAt(GeoPosition position, string? country = null)
    {
        var p = Normalized(position);
        return Regions
            .Where(r => r.Kind != RegionKind.Country && (country is null || r.Country == country))
            .Where(r => RegionIndex.Contains(r.Id, p))
            .ToList();
    }

    /// <summary>A reference line indexed for nearest-point queries (built once, then shared).</summary>
    internal LineIndex IndexOf(ReferenceLine line) => Cached("line:" + line.Id, () => LineIndex.Of(line));

    /// <summary>A region's boundary indexed for distance queries (interior on the left), built once.</summary>
    internal GeodesicPolyline BoundaryOf(Region region) => Cached("boundary:" + region.Id, () => GeodesicPolyline.FromPolygonBoundary(region.Geometry));

    /// <summary>A value computed once per key (derived geometries, indexes); thread-safe.</summary>
    internal T Cached<T>(string key, Func<T> build)
        where T : class =>
        (T)_cache.GetOrAdd(key, _ => new Lazy<object>(() => build(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static async Task<List<T>> AllAsync<T>(IRecordSet<T> set, CancellationToken cancellationToken)
        where T : class
    {
        var records = new List<T>();
        await foreach (var stored in set.StreamAsync(new RecordQuery { Limit = RecordQuery.MaxLimit }, cancellationToken).ConfigureAwait(false))
        {
            records.Add(stored.Record);
        }

        return records;
    }

    private static GeoPosition Normalized(GeoPosition p) => GeoPosition.FromLatLon(p.LatitudeDegrees, p.NormalizedLongitudeDegrees);

    private static T Find<T>(Dictionary<string, T> records, string id, string kind)
    {
        if (id is not null && records.TryGetValue(id, out var record))
        {
            return record;
        }

        throw AnalysisException.Unknown(kind, id ?? "(null)", records.Keys);
    }

    private static Dictionary<string, T> Index<T>(IEnumerable<T> records, Func<T, string> id, string kind)
    {
        var index = new Dictionary<string, T>(RecordIds.Comparer);
        foreach (var r in records)
        {
            if (!index.TryAdd(id(r), r))
            {
                throw new ArgumentException($"Two records of kind {kind} share the id '{id(r)}'.");
            }
        }

        return index;
    }
}
