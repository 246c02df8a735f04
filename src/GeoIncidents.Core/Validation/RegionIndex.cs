using GeoIncidents.Core.Model;
using GeoIncidents.Core.Spatial;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Validation;

/// <summary>
/// The regions by id, prepared for the plausibility checks of <see cref="RecordValidator"/>: point-in-polygon (a
/// topological test, valid on lon/lat) and "far outside", i.e. outside the region's lon/lat envelope expanded by a
/// margin. Thread-safe.
/// </summary>
public sealed class RegionIndex
{
    /// <summary>
    /// Metres per degree of latitude at the equator (WGS84), the smallest value along a meridian: dividing a margin by
    /// it gives a slightly larger angle than anywhere else, so an expanded envelope errs on the generous side.
    /// </summary>
    public const double MetersPerDegreeLatitudeMin = 110_574.0;

    /// <summary>Metres per degree of longitude on the equator (WGS84 equatorial radius × π/180).</summary>
    public const double MetersPerDegreeLongitudeAtEquator = 111_319.49;

    /// <summary>The case's countries when none are given: Armenia and Azerbaijan.</summary>
    public static IReadOnlyList<string> DefaultCaseCountries { get; } = ["AM", "AZ"];

    private readonly Dictionary<string, Entry> _entries;

    /// <summary>Builds the index.</summary>
    /// <param name="regions">The regions; ids must be unique.</param>
    /// <param name="caseCountries">The countries of the case (region ids of kind country) used when a record names no region; <see cref="DefaultCaseCountries"/> when null.</param>
    /// <exception cref="ArgumentException">Two regions share an id.</exception>
    public RegionIndex(IEnumerable<Region> regions, IEnumerable<string>? caseCountries = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        _entries = new Dictionary<string, Entry>(RecordIds.Comparer);
        foreach (var r in regions)
        {
            if (!_entries.TryAdd(r.Id, new Entry(r)))
            {
                throw new ArgumentException($"Two regions have the id '{r.Id}'.", nameof(regions));
            }
        }

        CaseCountries = (caseCountries ?? DefaultCaseCountries).Where(_entries.ContainsKey).ToList();
    }

    /// <summary>The case's countries present in the index.</summary>
    public IReadOnlyList<string> CaseCountries { get; }

    /// <summary>Every region id.</summary>
    public IEnumerable<string> Ids => _entries.Keys;

    /// <summary>Finds a region.</summary>
    /// <param name="id">The region id.</param>
    /// <param name="region">The region when found.</param>
    /// <returns>True when the id is known.</returns>
    public bool TryGet(string id, out Region region)
    {
        if (_entries.TryGetValue(id, out var e))
        {
            region = e.Region;
            return true;
        }

        region = null!;
        return false;
    }

    /// <summary>Tells whether a position lies in (or on the boundary of) a region's outline: a topological test on lon/lat.</summary>
    /// <param name="regionId">A known region id.</param>
    /// <param name="position">The position.</param>
    /// <returns>True when inside or on the boundary.</returns>
    /// <exception cref="KeyNotFoundException">The region is unknown.</exception>
    public bool Contains(string regionId, GeoPosition position) =>
        ContainsLonLat(regionId, position.LongitudeDegrees, position.LatitudeDegrees);

    /// <summary>As <see cref="Contains"/> for raw GeoJSON-order coordinates (which may be a swapped, out-of-range pair).</summary>
    internal bool ContainsLonLat(string regionId, double longitudeDegrees, double latitudeDegrees) =>
        _entries[regionId].Covers(longitudeDegrees, latitudeDegrees);

    /// <summary>
    /// Tells whether a position lies outside a region's envelope expanded by <paramref name="margin"/>. The margin is
    /// converted to degrees with <see cref="MetersPerDegreeLatitudeMin"/> and, in longitude, at the envelope's most
    /// poleward latitude: an approximation that errs generous, for a warning only (never a measurement).
    /// </summary>
    /// <param name="regionId">A known region id.</param>
    /// <param name="position">The position.</param>
    /// <param name="margin">The margin, 0 m or more.</param>
    /// <returns>True when outside the expanded envelope.</returns>
    /// <exception cref="KeyNotFoundException">The region is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin is negative.</exception>
    public bool IsFarOutside(string regionId, GeoPosition position, Length margin) =>
        IsFarOutsideLonLat(regionId, position.LongitudeDegrees, position.LatitudeDegrees, margin);

    /// <summary>As <see cref="IsFarOutside"/> for raw GeoJSON-order coordinates.</summary>
    internal bool IsFarOutsideLonLat(string regionId, double longitudeDegrees, double latitudeDegrees, Length margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin.Meters, nameof(margin));
        var env = _entries[regionId].Region.Geometry.EnvelopeInternal;
        var dLat = margin.Meters / MetersPerDegreeLatitudeMin;
        var poleward = Math.Min(89.0, Math.Max(Math.Abs(env.MinY), Math.Abs(env.MaxY)) + dLat);
        var dLon = margin.Meters / (MetersPerDegreeLongitudeAtEquator * Math.Cos(poleward * Math.PI / 180.0));
        var expanded = new Envelope(env.MinX - dLon, env.MaxX + dLon, env.MinY - dLat, env.MaxY + dLat);
        return !expanded.Contains(longitudeDegrees, latitudeDegrees);
    }

    /// <summary>
    /// A region and, built on first use, its <see cref="PointInAreaIndex"/>: the same covers-semantics (inside or on
    /// the boundary) as NTS's prepared geometry, exact, and free of locks once built.
    /// </summary>
    private sealed class Entry(Region region)
    {
        private readonly Lazy<PointInAreaIndex> _index = new(() => new PointInAreaIndex([region.Geometry]), LazyThreadSafetyMode.ExecutionAndPublication);

        public Region Region { get; } = region;

        // Raw coordinates come straight from input: a non-finite pair lies in no region.
        public bool Covers(double lon, double lat) =>
            double.IsFinite(lon) && double.IsFinite(lat) && _index.Value.FindFirst(lon, lat) == 0;
    }
}
