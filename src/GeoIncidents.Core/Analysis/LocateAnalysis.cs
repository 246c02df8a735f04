using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Analysis;

/// <summary>A region a position was assigned to, with the position's distance to the region's outline.</summary>
/// <param name="Id">The region id.</param>
/// <param name="Name">Its English name.</param>
/// <param name="Kind">Country, province, district or city.</param>
/// <param name="DistanceToBoundary">The geodesic distance from the position to the region's outline.</param>
/// <param name="Receipt">Point-in-polygon receipt; its verdict (relative to this region) compares the distance to the
/// outline's stated p95: inside beyond it, else indeterminate.</param>
public sealed record RegionAssignment(string Id, string Name, RegionKind Kind, Length DistanceToBoundary, MeasurementReceipt Receipt);

/// <summary>Where a position lies relative to one reference line.</summary>
/// <param name="ReferenceLineId">The line.</param>
/// <param name="Distance">The geodesic distance to the line (unsigned). GeoJSON <c>distance_m</c>.</param>
/// <param name="SignedDistance">Positive on the line's left country, negative on its right. GeoJSON <c>signed_distance_m</c>.
/// Beyond an open end of the line its sign follows the end edge extended (for information; no side or verdict is given there).</param>
/// <param name="Side">The country on the position's side (alpha-2), or null on the line or beyond its end. GeoJSON <c>side</c>.</param>
/// <param name="NearestPoint">The nearest point of the line.</param>
/// <param name="PartIndex">The part of the line holding it.</param>
/// <param name="PartKind">What that part depicts (<c>main</c>, <c>nakhchivan</c>, <c>exclave</c>), or null.</param>
/// <param name="EdgeIndex">The edge holding it.</param>
/// <param name="BeyondLineEnd">True when the nearest point is an open end of the line: the line does not separate the
/// position from anything (e.g. a position in Georgia or Iran).</param>
/// <param name="Receipt">Method, the line with its accuracy, uncertainty = p95 + the position's radius, and the verdict
/// relative to the line's left country (null beyond the end).</param>
public sealed record LineLocation(
    string ReferenceLineId,
    Length Distance,
    Length SignedDistance,
    string? Side,
    GeoPosition NearestPoint,
    int PartIndex,
    string? PartKind,
    int EdgeIndex,
    bool BeyondLineEnd,
    MeasurementReceipt Receipt);

/// <summary>How far the reference lines disagree about one position.</summary>
/// <param name="SignedDistanceSpread">The largest signed distance minus the smallest.</param>
/// <param name="NearestPointSpread">The largest geodesic distance between two lines' nearest points.</param>
/// <param name="SidesDiffer">True when two lines put the position on different sides.</param>
/// <param name="VerdictsDiffer">True when two lines give different verdicts.</param>
public sealed record LineDisagreement(Length SignedDistanceSpread, Length NearestPointSpread, bool SidesDiffer, bool VerdictsDiffer);

/// <summary>
/// <c>Locate(position)</c>: the country and first-level unit containing a position, and where it lies relative to each
/// reference line (distance, signed distance, side, nearest point, verdict), with how far the lines disagree.
/// </summary>
/// <param name="Position">The position.</param>
/// <param name="PrecisionRadius">Its uncertainty radius, or null (exact).</param>
/// <param name="Country">The country containing it (Natural Earth outline), or null at sea / outside every shipped country.</param>
/// <param name="Subdivision">The first-level unit containing it, or null.</param>
/// <param name="Lines">One entry per reference line measured against.</param>
/// <param name="Disagreement">How far the lines disagree, or null with fewer than two lines.</param>
/// <param name="Receipt">The overall receipt: its verdict combines the lines' (the common one, indeterminate when they
/// differ), relative to the lines' left country.</param>
public sealed record LocateResult(
    GeoPosition Position,
    Length? PrecisionRadius,
    RegionAssignment? Country,
    RegionAssignment? Subdivision,
    ValueList<LineLocation> Lines,
    LineDisagreement? Disagreement,
    MeasurementReceipt Receipt);

/// <summary>Locates positions against regions and reference lines (see <see cref="Locate"/>).</summary>
public static class LocateAnalysis
{
    /// <summary>The method text of a line measurement.</summary>
    public const string LineMethodText =
        "nearest point on the reference line, each edge the WGS84 geodesic between its vertices (Karney 2013); signed distance positive on the line's left country";

    /// <summary>The method text of a region assignment.</summary>
    public const string RegionMethodText =
        "point-in-polygon, topological on the outline's lon/lat vertices (boundary counts as inside); distance to the outline geodesic (Karney 2013, WGS84)";

    /// <summary>
    /// Locates a position: country and first-level unit (topological point-in-polygon; Natural Earth's internal
    /// boundaries are coarse, so the unit's verdict compares the distance to its outline with the outline's p95),
    /// and per reference line the distance, signed distance, side, nearest point and a verdict relative to the line's
    /// left country: inside when the signed distance exceeds p95 + radius, outside below −(p95 + radius), otherwise
    /// indeterminate; no verdict beyond an open end of the line.
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="position">Any position (poles and the antimeridian included).</param>
    /// <param name="precisionRadius">The position's uncertainty radius (0 m or more), or null.</param>
    /// <param name="referenceLineId">Only this line, or null for every line.</param>
    /// <returns>The result with its receipts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">The line is unknown (<c>unknown-record</c>) or the radius negative (<c>out-of-domain</c>).</exception>
    public static LocateResult Locate(AnalysisData data, GeoPosition position, Length? precisionRadius = null, string? referenceLineId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (precisionRadius is { } r && !(r.Meters >= 0))
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"a precision radius must be 0 m or more (is {r})");
        }

        var lines = data.LinesOrAll(referenceLineId);
        var country = data.CountryAt(position);
        var subdivision = country is null ? null : data.SubdivisionsAt(position, country.Id).FirstOrDefault();
        var locations = lines.Select(l => AgainstLine(data, l, position, precisionRadius)).ToList();

        var datasets = new List<DatasetUse>();
        var notes = new List<string>();
        if (country is not null)
        {
            datasets.Add(DatasetUse.Of(country));
        }
        else
        {
            notes.Add("The position lies in none of the shipped countries (at sea, or beyond the shipped outlines).");
        }

        if (subdivision is not null)
        {
            datasets.Add(DatasetUse.Of(subdivision));
            notes.Add("Natural Earth's internal (admin-1) boundaries are coarse (about 130 vertices for all of Syunik): near them, trust the unit only as far as its verdict says.");
        }

        datasets.AddRange(lines.Select(DatasetUse.Of));
        var leftCountry = lines.Count > 0 ? lines[0].LeftCountry : null;
        var comparable = locations.Where((l, i) => lines[i].LeftCountry == leftCountry).ToList();
        if (comparable.Count < locations.Count)
        {
            notes.Add($"Lines whose left country is not {leftCountry} are not combined into the overall verdict.");
        }

        var combined = MeasurementReceipt.Combine(comparable.Select(l => l.Receipt.Verdict));
        if (combined == Verdict.Indeterminate && comparable.Select(l => l.Receipt.Verdict).OfType<Verdict>().Distinct().Count() > 1)
        {
            notes.Add("The reference lines give different verdicts: the overall verdict is indeterminate.");
        }

        var receipt = MeasurementReceipt.Create(
            RegionMethodText + "; per line: " + LineMethodText,
            datasets,
            uncertainty: null,
            uncertaintyBasis: "per reference line: see lines[].receipt",
            verdict: combined,
            verdictRelativeTo: combined is null ? null : leftCountry,
            notes: notes);

        return new LocateResult(
            position,
            precisionRadius,
            country is null ? null : Assign(data, country, position, precisionRadius),
            subdivision is null ? null : Assign(data, subdivision, position, precisionRadius),
            ValueList.From(locations),
            Disagree(locations),
            receipt);
    }

    /// <summary>Where a position lies relative to one line, with its receipt and verdict.</summary>
    internal static LineLocation AgainstLine(AnalysisData data, ReferenceLine line, GeoPosition position, Length? precisionRadius)
    {
        var nearest = data.IndexOf(line).Nearest(position);
        var p95 = line.Accuracy.P95;
        var uncertainty = p95 + (precisionRadius ?? Length.Zero);
        var partKind = line.Parts.FirstOrDefault(p => p.Index == nearest.PartIndex)?.Kind;
        var notes = new List<string>();
        Verdict? verdict = null;
        string? side = null;
        if (nearest.AtOpenEnd)
        {
            notes.Add($"The nearest point of {line.Id} is an open end of its part {nearest.PartIndex}: the position lies beyond the line, which does not say which side it is on (no side, no verdict).");
        }
        else
        {
            verdict = MeasurementReceipt.Decide(nearest.SignedDistance, uncertainty);
            side = nearest.Side switch
            {
                > 0 => line.LeftCountry,
                < 0 => line.RightCountry,
                _ => null,
            };
        }

        if (partKind == "exclave")
        {
            notes.Add($"The nearest part of {line.Id} is an exclave ring: sides refer to that ring.");
        }

        var receipt = MeasurementReceipt.Create(
            LineMethodText,
            [DatasetUse.Of(line)],
            uncertainty,
            precisionRadius is null
                ? $"the p95 positional accuracy of {line.Id}"
                : $"the p95 positional accuracy of {line.Id} plus the position's radius, added (a conservative sum)",
            verdict,
            verdict is null ? null : line.LeftCountry,
            notes);
        return new LineLocation(line.Id, nearest.Distance, nearest.SignedDistance, side, nearest.Point, nearest.PartIndex, partKind, nearest.EdgeIndex, nearest.AtOpenEnd, receipt);
    }

    private static RegionAssignment Assign(AnalysisData data, Region region, GeoPosition position, Length? precisionRadius)
    {
        var distance = data.BoundaryOf(region).DistanceTo(position);
        var uncertainty = region.Accuracy.P95 + (precisionRadius ?? Length.Zero);
        // The position is inside (point-in-polygon), so the verdict is inside or, within the outline's uncertainty, indeterminate.
        var verdict = distance > uncertainty ? Verdict.Inside : Verdict.Indeterminate;
        var receipt = MeasurementReceipt.Create(
            RegionMethodText,
            [DatasetUse.Of(region)],
            uncertainty,
            $"the p95 positional accuracy of {region.Id}'s outline{(precisionRadius is null ? string.Empty : " plus the position's radius")}",
            verdict,
            region.Id);
        return new RegionAssignment(region.Id, region.Name, region.Kind, distance, receipt);
    }

    private static LineDisagreement? Disagree(IReadOnlyList<LineLocation> locations)
    {
        if (locations.Count < 2)
        {
            return null;
        }

        var signed = locations.Select(l => l.SignedDistance.Meters).ToList();
        var spread = 0.0;
        for (var i = 0; i < locations.Count; i++)
        {
            for (var j = i + 1; j < locations.Count; j++)
            {
                spread = Math.Max(spread, Geodesic.Wgs84.Inverse(locations[i].NearestPoint, locations[j].NearestPoint).Distance.Meters);
            }
        }

        var sides = locations.Select(l => l.Side).OfType<string>().Distinct().Count() > 1;
        var verdicts = locations.Select(l => l.Receipt.Verdict).OfType<Verdict>().Distinct().Count() > 1;
        return new LineDisagreement(Length.FromMeters(signed.Max() - signed.Min()), Length.FromMeters(spread), sides, verdicts);
    }
}
