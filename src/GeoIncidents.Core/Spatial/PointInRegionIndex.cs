using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Core.Spatial;

/// <summary>
/// Which region(s) contain a position, for millions of positions: a <see cref="PointInAreaIndex"/> over the regions'
/// outlines (a topological test on longitude/latitude, no metric claim). The ordinal of a region is its position in
/// <see cref="Regions"/>. A position on the boundary between two regions lies in both (<see cref="FindAll"/>);
/// <see cref="Find"/> and the batch methods then return the one listed first. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The outlines' own accuracy limits what the answer means: near an internal boundary of the shipped Natural Earth
/// data (see <see cref="Seed.SeedData.NaturalEarthOutlineAccuracy"/>) the assignment is only as good as that line.
/// </remarks>
public sealed class PointInRegionIndex
{
    private readonly PointInAreaIndex _index;

    /// <summary>Builds the index over the given regions, in their order.</summary>
    /// <param name="regions">The regions (normally of one level: countries, or the first-level units).</param>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">Two regions share an id.</exception>
    public PointInRegionIndex(IEnumerable<Region> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var list = regions.ToList();
        var ids = new HashSet<string>(RecordIds.Comparer);
        foreach (var region in list)
        {
            ArgumentNullException.ThrowIfNull(region, nameof(regions));
            if (!ids.Add(region.Id))
            {
                throw new ArgumentException($"Two regions have the id '{region.Id}'.", nameof(regions));
            }
        }

        Regions = list;
        _index = new PointInAreaIndex(list.Select(r => (NetTopologySuite.Geometries.Geometry)r.Geometry).ToList());
    }

    /// <summary>The regions; a region's ordinal is its position here.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>The underlying area index (ordinals as in <see cref="Regions"/>).</summary>
    public PointInAreaIndex Areas => _index;

    /// <summary>Builds the index over the regions of the given kinds, keeping their order.</summary>
    /// <param name="regions">All regions.</param>
    /// <param name="kinds">The kinds to keep, e.g. <see cref="RegionKind.Country"/>; none given keeps every region.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">Two kept regions share an id.</exception>
    public static PointInRegionIndex OfKinds(IEnumerable<Region> regions, params RegionKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(kinds);
        return new PointInRegionIndex(kinds.Length == 0 ? regions : regions.Where(r => kinds.Contains(r.Kind)));
    }

    /// <summary>Builds the index over the first-level units (every kind but <see cref="RegionKind.Country"/>: provinces, districts, cities).</summary>
    /// <param name="regions">All regions.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">Two kept regions share an id.</exception>
    public static PointInRegionIndex FirstLevel(IEnumerable<Region> regions) =>
        OfKinds(regions, RegionKind.Province, RegionKind.District, RegionKind.City);

    /// <summary>The region containing a position (inside or on its boundary); the first listed when several do.</summary>
    /// <param name="position">The position.</param>
    /// <returns>The region, or null when none contains it.</returns>
    public Region? Find(GeoPosition position)
    {
        var ordinal = _index.FindFirst(position.LongitudeDegrees, position.LatitudeDegrees);
        return ordinal == PointInAreaIndex.NoArea ? null : Regions[ordinal];
    }

    /// <summary>Every region containing a position (inside or on its boundary), in the order of <see cref="Regions"/>.</summary>
    /// <param name="position">The position.</param>
    /// <returns>The regions; empty when none contains it.</returns>
    public IReadOnlyList<Region> FindAll(GeoPosition position) =>
        _index.FindAll(position.LongitudeDegrees, position.LatitudeDegrees).Select(o => Regions[o]).ToList();

    /// <summary>
    /// Assigns many positions given as raw GeoJSON-order coordinates: the ordinal (in <see cref="Regions"/>) of the
    /// first region containing each, or <see cref="PointInAreaIndex.NoArea"/>. One thread.
    /// </summary>
    /// <param name="longitudesDegrees">Longitudes, degrees.</param>
    /// <param name="latitudesDegrees">Latitudes, degrees, same length.</param>
    /// <param name="ordinals">Receives one ordinal per position, same length.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is NaN or infinite.</exception>
    public void Assign(ReadOnlySpan<double> longitudesDegrees, ReadOnlySpan<double> latitudesDegrees, Span<int> ordinals) =>
        _index.Assign(longitudesDegrees, latitudesDegrees, ordinals);

    /// <summary>As <see cref="Assign"/>, on several threads; the same answers.</summary>
    /// <param name="longitudesDegrees">Longitudes, degrees.</param>
    /// <param name="latitudesDegrees">Latitudes, degrees, same length.</param>
    /// <param name="ordinals">Receives one ordinal per position, same length.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; -1 for the number of processors.</param>
    /// <param name="cancellationToken">Cancels between blocks.</param>
    /// <exception cref="ArgumentException">The buffers differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is NaN or infinite, or the degree of parallelism is invalid.</exception>
    public void AssignParallel(ReadOnlyMemory<double> longitudesDegrees, ReadOnlyMemory<double> latitudesDegrees, Memory<int> ordinals, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default) =>
        _index.AssignParallel(longitudesDegrees, latitudesDegrees, ordinals, maxDegreeOfParallelism, cancellationToken);
}
