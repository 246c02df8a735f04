using System.Globalization;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Analysis;

/// <summary>
/// A three-valued answer to "is it on this side?" (DESIGN.md, "Measurement receipts"). GeoJSON names:
/// <c>inside</c>, <c>indeterminate</c>, <c>outside</c>. Every verdict says what it is relative to
/// (<see cref="MeasurementReceipt.VerdictRelativeTo"/>): for a reference line, its left country.
/// </summary>
public enum Verdict
{
    /// <summary><c>inside</c>: beyond the uncertainty on the side of <see cref="MeasurementReceipt.VerdictRelativeTo"/>.</summary>
    Inside,

    /// <summary><c>indeterminate</c>: within the uncertainty of the border data (and of the position): the data cannot decide.</summary>
    Indeterminate,

    /// <summary><c>outside</c>: beyond the uncertainty on the other side.</summary>
    Outside,
}

/// <summary>
/// One dataset a measurement used, with its licence and stated positional accuracy (GeoJSON
/// <c>{id, kind, licence, accuracy_median_m, accuracy_p95_m, assumed}</c>).
/// </summary>
/// <param name="Id">The dataset's id: a reference line id (<c>osm-2020</c>), a region id (<c>AM-SU</c>), a place id.</param>
/// <param name="Kind">What it is: <c>reference-line</c>, <c>region</c>, <c>place</c>, <c>zone</c>.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Licence">Its licence (ODbL for OSM-derived data: it covers the result).</param>
/// <param name="AccuracyMedian">The median positional offset, or null when not assessed.</param>
/// <param name="AccuracyP95">The 95th-percentile positional offset (the figure the uncertainty uses), or null when the dataset states none.</param>
/// <param name="Assumed">True when the accuracy is an assumption, not a measurement: flag it wherever the figure is shown.</param>
public sealed record DatasetUse(string Id, string Kind, string Source, string Licence, Length? AccuracyMedian, Length? AccuracyP95, bool Assumed)
{
    /// <summary>The use of a reference line, with its stated accuracy.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The dataset entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    public static DatasetUse Of(ReferenceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new DatasetUse(line.Id, "reference-line", line.Source, line.Licence, line.Accuracy.Median, line.Accuracy.P95, line.Accuracy.Assumed);
    }

    /// <summary>The use of a region's outline, with its stated accuracy.</summary>
    /// <param name="region">The region.</param>
    /// <returns>The dataset entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="region"/> is null.</exception>
    public static DatasetUse Of(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new DatasetUse(region.Id, "region", region.Source, region.Licence, region.Accuracy.Median, region.Accuracy.P95, region.Accuracy.Assumed);
    }

    /// <summary>The use of a place's reference point; its accuracy is the radius the caller states for it (or none).</summary>
    /// <param name="place">The place.</param>
    /// <param name="radius">The uncertainty radius given with the place (e.g. a displacement's <c>origin_radius_m</c>), or null.</param>
    /// <returns>The dataset entry; a stated radius counts as assumed (no source measures it).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="place"/> is null.</exception>
    public static DatasetUse Of(Place place, Length? radius = null)
    {
        ArgumentNullException.ThrowIfNull(place);
        return new DatasetUse(place.Id, "place", place.Source, PlaceLicence(place), null, radius, radius is not null);
    }

    /// <summary>The use of a zone's (derived) geometry; its accuracy is the zone's stated uncertainty.</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>The dataset entry (the uncertainty is reasoned, not measured: assumed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static DatasetUse Of(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new DatasetUse(zone.Id, "zone", "derived: " + (zone.Derivation is null ? "geometry given" : CorridorDerivation.Method), "project data", null, zone.Uncertainty?.Radius, true);
    }

    private static string PlaceLicence(Place place) =>
        place.Source.Contains("Who's On First", StringComparison.OrdinalIgnoreCase) || place.Source.Contains("WOF", StringComparison.Ordinal)
            ? "CC BY 4.0 (GeoNames), CC0 (Who's On First)"
            : "CC BY 4.0 (GeoNames)";
}

/// <summary>
/// What every computed number leaves with (DESIGN.md, "Measurement receipts"): the method, the ellipsoid, the datasets
/// used with their accuracy, the resulting uncertainty and, where one applies, a three-valued verdict together with
/// what it is relative to. GeoJSON: <c>receipt {method, ellipsoid, datasets, uncertainty_m, uncertainty_basis,
/// verdict, verdict_relative_to, notes}</c>.
/// </summary>
public sealed record MeasurementReceipt
{
    /// <summary>The method text of geodesic measurements.</summary>
    public const string GeodesicMethod = "geodesic, Karney 2013, WGS84";

    private MeasurementReceipt(string method, string ellipsoid, ValueList<DatasetUse> datasets, Length? uncertainty, string? uncertaintyBasis, Verdict? verdict, string? verdictRelativeTo, ValueList<string> notes)
    {
        Method = method;
        Ellipsoid = ellipsoid;
        Datasets = datasets;
        Uncertainty = uncertainty;
        UncertaintyBasis = uncertaintyBasis;
        Verdict = verdict;
        VerdictRelativeTo = verdictRelativeTo;
        Notes = notes;
    }

    /// <summary>The ellipsoid every analysis measures on, as text: <c>WGS84 (a = 6378137 m, f = 1/298.257223563)</c>.</summary>
    public static string Wgs84Text { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"{Geodesy.Geodesics.Ellipsoid.Wgs84.Name} (a = {Geodesy.Geodesics.Ellipsoid.Wgs84.EquatorialRadiusMeters} m, f = 1/{1 / Geodesy.Geodesics.Ellipsoid.Wgs84.Flattening:0.#########})");

    /// <summary>How the figure was computed (e.g. <c>geodesic, Karney 2013, WGS84</c>, and the steps).</summary>
    public string Method { get; }

    /// <summary>The ellipsoid (<see cref="Wgs84Text"/>).</summary>
    public string Ellipsoid { get; }

    /// <summary>The datasets used, each with its accuracy.</summary>
    public ValueList<DatasetUse> Datasets { get; }

    /// <summary>The uncertainty of the result as a distance (0 m or more), or null when none is stated. GeoJSON <c>uncertainty_m</c>.</summary>
    public Length? Uncertainty { get; }

    /// <summary>How <see cref="Uncertainty"/> was obtained (e.g. "line p95 + position radius, added"), or null.</summary>
    public string? UncertaintyBasis { get; }

    /// <summary>The verdict, or null where none applies.</summary>
    public Verdict? Verdict { get; }

    /// <summary>What <see cref="Verdict"/> is relative to: the country (alpha-2) "inside" refers to, or null with no verdict.</summary>
    public string? VerdictRelativeTo { get; }

    /// <summary>Caveats a reader must see next to the figure (assumed accuracies, coarse outlines, a line's end).</summary>
    public ValueList<string> Notes { get; }

    /// <summary>Creates a receipt.</summary>
    /// <param name="method">The method (required).</param>
    /// <param name="datasets">The datasets used, or null.</param>
    /// <param name="uncertainty">The uncertainty, 0 m or more, or null.</param>
    /// <param name="uncertaintyBasis">How the uncertainty was obtained, or null.</param>
    /// <param name="verdict">The verdict, or null.</param>
    /// <param name="verdictRelativeTo">The country the verdict refers to; required with a verdict.</param>
    /// <param name="notes">Caveats, or null. A note per dataset with an assumed accuracy is added automatically.</param>
    /// <returns>The receipt, on <see cref="Wgs84Text"/>.</returns>
    /// <exception cref="ArgumentException">The method is empty, the uncertainty negative or not finite, or a verdict lacks what it is relative to.</exception>
    public static MeasurementReceipt Create(
        string method,
        IEnumerable<DatasetUse>? datasets = null,
        Length? uncertainty = null,
        string? uncertaintyBasis = null,
        Verdict? verdict = null,
        string? verdictRelativeTo = null,
        IEnumerable<string>? notes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (uncertainty is { } u && !(u.Meters >= 0))
        {
            throw new ArgumentException($"An uncertainty must be 0 m or more (is {u}).", nameof(uncertainty));
        }

        if (verdict is not null && string.IsNullOrEmpty(verdictRelativeTo))
        {
            throw new ArgumentException("A verdict must say what it is relative to.", nameof(verdictRelativeTo));
        }

        var used = datasets?.DistinctBy(d => (d.Kind, d.Id)).ToList() ?? [];
        var allNotes = (notes ?? []).ToList();
        foreach (var d in used.Where(d => d.Assumed && d.AccuracyP95 is not null))
        {
            allNotes.Add($"{d.Kind} {d.Id}: its accuracy ({d.AccuracyP95} p95) is assumed, not measured.");
        }

        return new MeasurementReceipt(method, Wgs84Text, ValueList.From(used), uncertainty, uncertaintyBasis, verdict, verdict is null ? null : verdictRelativeTo, ValueList.From(allNotes.Distinct(StringComparer.Ordinal)));
    }

    /// <summary>
    /// The verdict for a signed distance against an uncertainty: <see cref="Analysis.Verdict.Inside"/> when
    /// <paramref name="signedDistance"/> &gt; <paramref name="uncertainty"/>, <see cref="Analysis.Verdict.Outside"/> when
    /// it is &lt; −<paramref name="uncertainty"/>, else <see cref="Analysis.Verdict.Indeterminate"/>.
    /// </summary>
    /// <param name="signedDistance">Positive on the side the verdict is relative to.</param>
    /// <param name="uncertainty">0 m or more.</param>
    /// <returns>The verdict.</returns>
    public static Verdict Decide(Length signedDistance, Length uncertainty) =>
        signedDistance > uncertainty ? Analysis.Verdict.Inside
        : signedDistance < -uncertainty ? Analysis.Verdict.Outside
        : Analysis.Verdict.Indeterminate;

    /// <summary>
    /// The combined verdict of several: null when there are none, the common one when they agree, else
    /// <see cref="Analysis.Verdict.Indeterminate"/> (the datasets disagree).
    /// </summary>
    /// <param name="verdicts">The verdicts (nulls are ignored).</param>
    /// <returns>The combined verdict.</returns>
    public static Verdict? Combine(IEnumerable<Verdict?> verdicts)
    {
        var given = verdicts.OfType<Verdict>().Distinct().ToList();
        return given.Count switch
        {
            0 => null,
            1 => given[0],
            _ => Analysis.Verdict.Indeterminate,
        };
    }
}
