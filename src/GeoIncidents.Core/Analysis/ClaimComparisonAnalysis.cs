using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Lines;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>How a claim was located.</summary>
public enum ClaimGeometrySource
{
    /// <summary><c>given</c>: the claim carries a geometry.</summary>
    Given,

    /// <summary><c>derived</c>: computed from the claim's border-band derivation.</summary>
    Derived,

    /// <summary><c>displaced</c>: the destination of the claim's displacement (origin, bearing, distance).</summary>
    Displaced,

    /// <summary><c>none</c>: the claim states no place beyond the incident's.</summary>
    None,
}

/// <summary>One claim of an incident, located (or not) and measured against every reference line.</summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="ClaimantId">The party making it.</param>
/// <param name="ClaimantName">Its name, or null when the party is not in the data.</param>
/// <param name="Asserted">What it asserts.</param>
/// <param name="Source">How the geometry was obtained.</param>
/// <param name="Geometry">The located geometry, or null.</param>
/// <param name="Radius">The geometry's uncertainty radius (given precision, or a displacement origin's), or null.</param>
/// <param name="Centroid">The geometry's centroid, or null.</param>
/// <param name="Derivation">For a derived area, its computation (parameters, method, every line's band); else null.</param>
/// <param name="Displacement">For a displaced claim, the movement; else null.</param>
/// <param name="Sides">What every reference line says about the geometry (empty when unlocated).</param>
/// <param name="UnlocatedReason">Why the claim has no geometry, or null.</param>
public sealed record ClaimLocation(
    string ClaimId,
    string ClaimantId,
    string? ClaimantName,
    string Asserted,
    ClaimGeometrySource Source,
    Geometry? Geometry,
    Length? Radius,
    GeoPosition? Centroid,
    ClaimAreaResult? Derivation,
    DisplaceResult? Displacement,
    ValueList<AreaSides> Sides,
    string? UnlocatedReason);

/// <summary>How two claims compare relative to one reference line.</summary>
/// <param name="ReferenceLineId">The line.</param>
/// <param name="MajoritySideA">The side (country) holding most of the first claim, or null.</param>
/// <param name="MajoritySideB">The same for the second.</param>
/// <param name="OppositeSides">True when their majority sides differ.</param>
/// <param name="OppositeBeyondUncertainty">True when one is inside and the other outside the line's left country, each
/// beyond the uncertainty (their verdicts are inside and outside).</param>
public sealed record PairOnLine(string ReferenceLineId, string? MajoritySideA, string? MajoritySideB, bool OppositeSides, bool OppositeBeyondUncertainty);

/// <summary>The distances between two located claims and whether they put the event on opposite sides.</summary>
/// <param name="ClaimA">The first claim.</param>
/// <param name="ClaimB">The second claim.</param>
/// <param name="MinimumDistance">The shortest geodesic distance between the geometries (zero when they touch or overlap).</param>
/// <param name="CentroidDistance">The geodesic distance between their centroids.</param>
/// <param name="CentroidLink">The geodesic from the first centroid to the second, densified (for drawing).</param>
/// <param name="Lines">Per reference line, their sides.</param>
/// <param name="Receipt">Method, datasets, uncertainty (their radii added, when given); no verdict.</param>
public sealed record ClaimPair(
    string ClaimA,
    string ClaimB,
    Length MinimumDistance,
    Length CentroidDistance,
    Geometry CentroidLink,
    ValueList<PairOnLine> Lines,
    MeasurementReceipt Receipt);

/// <summary><c>CompareClaims(incident)</c>: every claim located and measured, and every pair of located claims compared.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Title">Its title.</param>
/// <param name="Claims">Every claim of the incident, ordered by id.</param>
/// <param name="Pairs">Every pair of located claims.</param>
/// <param name="Receipt">Method, datasets, notes; no verdict (see each claim's sides).</param>
public sealed record ClaimComparisonResult(
    string IncidentId,
    string Title,
    ValueList<ClaimLocation> Claims,
    ValueList<ClaimPair> Pairs,
    MeasurementReceipt Receipt);

/// <summary>Compares the claims of an incident (see <see cref="CompareClaims"/>).</summary>
public static class ClaimComparisonAnalysis
{
    /// <summary>The method text of a pair.</summary>
    public const string PairMethodText =
        "minimum WGS84 geodesic distance between the geometries (GeodesicDistance: zero when they touch or overlap, else exact vertex-to-edge both ways); centroid-to-centroid geodesic distance "
        + "(centroids in a local transverse Mercator); sides per reference line from each claim's signed distances and areas";

    /// <summary>
    /// Locates every claim of an incident (its geometry; else the area of its border-band derivation; else the
    /// destination of its displacement when it gives a bearing) and measures it against every reference line; then, for
    /// every pair of located claims, the minimum and centroid-to-centroid geodesic distances and, per line, whether they
    /// lie on opposite sides (by the side holding most of each) and whether that holds beyond the uncertainty (one
    /// inside, the other outside the line's left country, each beyond p95 + its radius).
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="incidentId">The incident.</param>
    /// <returns>The comparison with its receipts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">The incident (or a record a claim names) is unknown, or a derivation is out of the method's domain.</exception>
    public static ClaimComparisonResult CompareClaims(AnalysisData data, string incidentId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var incident = data.Incident(incidentId);
        var claims = incident.Claims.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => Locate(data, c)).ToList();
        var located = claims.Where(c => c.Geometry is not null).ToList();
        var pairs = new List<ClaimPair>();
        for (var i = 0; i < located.Count; i++)
        {
            for (var j = i + 1; j < located.Count; j++)
            {
                pairs.Add(Pair(data, located[i], located[j]));
            }
        }

        var notes = new List<string>();
        if (located.Count < 2)
        {
            notes.Add($"{located.Count} of the {claims.Count} claims can be located: there is no pair to compare.");
        }

        foreach (var c in claims.Where(c => c.Derivation is not null))
        {
            notes.Add($"{c.ClaimId}: {c.Derivation!.MethodDescription}");
        }

        var datasets = data.ReferenceLines.Select(DatasetUse.Of).ToList();
        datasets.AddRange(claims.Where(c => c.Derivation is not null).SelectMany(c => c.Derivation!.Receipt.Datasets));
        var receipt = MeasurementReceipt.Create(
            "claims located from their geometry, border-band derivation or displacement; each measured against every reference line; " + PairMethodText,
            datasets,
            uncertaintyBasis: "per claim and line: see claims[].sides[].receipt; per pair: pairs[].receipt",
            notes: notes);
        return new ClaimComparisonResult(incident.Id, incident.Title, ValueList.From(claims), ValueList.From(pairs), receipt);
    }

    private static ClaimLocation Locate(AnalysisData data, Claim claim)
    {
        var claimant = data.PartyOrNull(claim.ClaimantId)?.Name;
        Geometry? geometry = null;
        Length? radius = claim.LocationPrecision?.Radius;
        ClaimAreaResult? derived = null;
        DisplaceResult? displaced = null;
        ClaimGeometrySource source;
        string? reason = null;
        // The derivation is the record's truth when present: a stored geometry is its materialised copy (the seed and
        // the map carry it), and re-deriving also reports what every listed line says about the area.
        if (claim.Derivation is not null)
        {
            derived = DerivationAnalysis.DeriveClaimArea(data, claim);
            geometry = derived.Geometry.IsEmpty ? null : derived.Geometry;
            source = ClaimGeometrySource.Derived;
            reason = geometry is null ? "the derived area is empty (see the derivation's notes)" : null;
        }
        else if (claim.Geometry is not null)
        {
            geometry = claim.Geometry;
            source = ClaimGeometrySource.Given;
        }
        else if (claim.Displacement is { Azimuth: { } azimuth } d)
        {
            var origin = d.Origin.PlaceId is { } placeId ? data.Place(placeId).Position : d.Origin.Position!.Value;
            displaced = DisplaceAnalysis.Displace(data, origin, azimuth, d.Distance, d.OriginRadius);
            geometry = GeodesicGeometry.ToPoint(displaced.Destination);
            radius = d.OriginRadius ?? radius;
            source = ClaimGeometrySource.Displaced;
        }
        else
        {
            source = ClaimGeometrySource.None;
            reason = claim.Displacement is not null
                ? "the claim gives a displacement without a bearing and no derivation: it names no place that can be drawn (add a border-band derivation)"
                : "the claim states no place beyond the incident's (no geometry, derivation or displacement)";
        }

        var sides = geometry is null
            ? ValueList<AreaSides>.Empty
            : derived is not null && derived.Sides.Count == data.ReferenceLines.Count
                ? derived.Sides
                : ValueList.From(data.ReferenceLines.Select(l => AreaSideAnalysis.Sides(data, geometry, l.Id, radius)));
        var centroid = geometry is null ? (GeoPosition?)null : GeodesicGeometry.Centroid(geometry);
        return new ClaimLocation(claim.Id, claim.ClaimantId, claimant, claim.Asserted, source, geometry, radius, centroid, derived, displaced, sides, reason);
    }

    private static ClaimPair Pair(AnalysisData data, ClaimLocation a, ClaimLocation b)
    {
        var minimum = GeodesicDistance.Between(a.Geometry!, b.Geometry!);
        var centroids = Geodesic.Wgs84.Inverse(a.Centroid!.Value, b.Centroid!.Value).Distance;
        var link = GeodesicGeometry.PathGeometry(Geodesic.Wgs84.Line(a.Centroid.Value, b.Centroid.Value).Densify(DisplaceAnalysis.PathStep));
        var lines = new List<PairOnLine>();
        foreach (var line in data.ReferenceLines)
        {
            var sa = a.Sides.FirstOrDefault(s => s.ReferenceLineId == line.Id);
            var sb = b.Sides.FirstOrDefault(s => s.ReferenceLineId == line.Id);
            if (sa is null || sb is null)
            {
                continue;
            }

            var opposite = sa.MajoritySide is not null && sb.MajoritySide is not null && sa.MajoritySide != sb.MajoritySide;
            var beyond = (sa.Receipt.Verdict, sb.Receipt.Verdict) is (Verdict.Inside, Verdict.Outside) or (Verdict.Outside, Verdict.Inside);
            lines.Add(new PairOnLine(line.Id, sa.MajoritySide, sb.MajoritySide, opposite, beyond));
        }

        var notes = new List<string>();
        if (minimum.Meters == 0)
        {
            notes.Add("The two geometries touch or overlap: their minimum distance is zero; the centroid distance says how far apart their middles are.");
        }

        if (a.Source == ClaimGeometrySource.Derived || b.Source == ClaimGeometrySource.Derived)
        {
            notes.Add("A derived area is a geocoding of a vague claim: its distances describe the claims as geocoded (their parameters are on the claims), not measured positions.");
        }

        var radius = a.Radius is null && b.Radius is null ? (Length?)null : (a.Radius ?? Length.Zero) + (b.Radius ?? Length.Zero);
        var receipt = MeasurementReceipt.Create(
            PairMethodText,
            data.ReferenceLines.Select(DatasetUse.Of),
            radius,
            radius is null ? "the geometries state no radius (a derived area's vagueness is its extent)" : "the two geometries' radii, added",
            notes: notes);
        return new ClaimPair(a.ClaimId, b.ClaimId, minimum, centroids, link, ValueList.From(lines), receipt);
    }
}
