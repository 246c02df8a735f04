using System.Globalization;
using System.Text;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Cli.Measure;

/// <summary>
/// The human-readable reports of <c>geoincidents measure</c>: every figure with its unit and, next to it, its
/// uncertainty and the dataset it came from; verdicts say what they are relative to. The numbers are the same as in
/// <c>--json</c> (both read the same result records).
/// </summary>
internal static class MeasureReport
{
    public static string Locate(LocateResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv($"Position {Pos(r.Position)}{(r.PrecisionRadius is { } p ? $" (precision ±{Len(p)})" : string.Empty)}"));
        AppendLocation(sb, r, "  ");
        AppendMethod(sb, r.Receipt);
        return sb.ToString();
    }

    public static string Displace(DisplaceResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv($"From {Pos(r.Origin)}{(r.OriginRadius is { } o ? $" (±{Len(o)})" : string.Empty)}, azimuth {r.Azimuth.Degrees:0.######}°, {Len(r.Distance)} along the geodesic"));
        sb.AppendLine(Inv($"  Destination {Pos(r.Destination)} ± {Len(r.Receipt.Uncertainty ?? Length.Zero)} ({r.Receipt.UncertaintyBasis}); final azimuth {r.FinalAzimuth.Degrees:0.######}°"));
        sb.AppendLine(r.OriginCountryId is null ? "  Origin in none of the shipped countries" : $"  Origin in {r.OriginCountryId}");
        if (r.OtherCountries.Count == 0)
        {
            sb.AppendLine("  The path stays in the origin's country (Natural Earth outlines).");
        }

        foreach (var c in r.OtherCountries)
        {
            sb.AppendLine(Inv($"  Path inside {c.CountryName} ({c.CountryId}): {Len(c.Length)} (Natural Earth outline, p95 5 km assumed; 2.9 km where Armenia and Azerbaijan meet)"));
        }

        sb.AppendLine("  The destination:");
        AppendLocation(sb, r.DestinationLocation, "    ");
        AppendMethod(sb, r.Receipt);
        return sb.ToString();
    }

    public static string Bands(IReadOnlyList<BandResult> bands)
    {
        var sb = new StringBuilder();
        foreach (var b in bands)
        {
            var p95 = b.Receipt.Datasets.First(d => d.Kind == "reference-line");
            sb.AppendLine(Inv($"Band of {b.RegionName} ({b.RegionId}) within {Len(b.Depth)} of {b.ReferenceLineId}"));
            sb.AppendLine(Inv($"  area {Km2(b.Area)}; with the line {Len(p95.AccuracyP95!.Value)} nearer or farther (its p95{(p95.Assumed ? ", assumed" : string.Empty)}): {Km2(b.AreaLow)} at {Len(b.DepthLow)} to {Km2(b.AreaHigh)} at {Len(b.DepthHigh)}"));
            sb.AppendLine(b.Places.Count == 0
                ? "  places inside: none of the places layer"
                : "  places inside: " + string.Join(", ", b.Places.Select(p => $"{p.Name} ({p.PlaceId})")));
            if (b.Stretch is { } s)
            {
                sb.AppendLine(Inv($"  along the {Len(s.Length)} stretch of {s.ReferenceLineId} centred at {Pos(s.Centre)}"));
            }
        }

        if (bands.Count > 1)
        {
            sb.AppendLine(Inv($"The lines disagree by {Km2(Area.FromSquareMeters(bands.Max(b => b.Area.SquareMeters) - bands.Min(b => b.Area.SquareMeters)))} on this band."));
        }

        if (bands.Count > 0)
        {
            AppendMethod(sb, bands.Select(b => b.Receipt).ToList());
        }

        return sb.ToString();
    }

    public static string Claims(ClaimComparisonResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Incident {r.IncidentId}: {r.Title}");
        foreach (var c in r.Claims)
        {
            sb.AppendLine($"  Claim {c.ClaimId} by {c.ClaimantName ?? c.ClaimantId}: \"{c.Asserted}\"");
            if (c.Geometry is null)
            {
                sb.AppendLine($"    not located: {c.UnlocatedReason}");
                continue;
            }

            switch (c.Source)
            {
                case ClaimGeometrySource.Derived:
                    var d = c.Derivation!;
                    sb.AppendLine(Inv($"    area {Km2(d.Area)} (± {Len(d.Receipt.Uncertainty ?? Length.Zero)}: the p95 of {d.ReferenceLineId}, which builds it), centroid {Pos(c.Centroid!.Value)}"));
                    sb.AppendLine($"    derived: {d.MethodDescription}");
                    foreach (var b in d.Bands.Skip(1))
                    {
                        sb.AppendLine(Inv($"    the same derivation from {b.ReferenceLineId}: {Km2(b.Area)} (± {Len(b.Receipt.Uncertainty ?? Length.Zero)} p95)"));
                    }

                    break;
                case ClaimGeometrySource.Displaced:
                    sb.AppendLine(Inv($"    the destination of its displacement: {Pos(c.Displacement!.Destination)}{(c.Radius is { } radius ? $" ± {Len(radius)}" : string.Empty)}"));
                    break;
                default:
                    sb.AppendLine(Inv($"    as given{(c.Radius is { } given ? $", ± {Len(given)}" : string.Empty)}; centroid {Pos(c.Centroid!.Value)}"));
                    break;
            }

            foreach (var s in c.Sides)
            {
                var share = s.FractionLeft is { } f ? Inv($"; {f * 100:0.#} % of the area on the {s.LeftCountry} side, {(1 - f) * 100:0.#} % on the {s.RightCountry} side") : string.Empty;
                sb.AppendLine(Inv($"    {s.ReferenceLineId}: signed distances {Signed(s.MinSignedDistance)} to {Signed(s.MaxSignedDistance)}{share}; ± {Len(s.Receipt.Uncertainty ?? Length.Zero)} {Basis(s.Receipt)} -> {Verdict(s.Receipt)}"));
            }
        }

        foreach (var p in r.Pairs)
        {
            sb.AppendLine(Inv($"  {p.ClaimA} vs {p.ClaimB}: minimum distance {Len(p.MinimumDistance)}{(p.MinimumDistance.Meters == 0 ? " (they touch or overlap)" : string.Empty)}; centroids {Len(p.CentroidDistance)} apart{(p.Receipt.Uncertainty is { } u ? $" (± {Len(u)})" : string.Empty)}"));
            foreach (var l in p.Lines)
            {
                var sides = $"mostly {l.MajoritySideA ?? "neither"} vs mostly {l.MajoritySideB ?? "neither"}";
                var verdict = l.OppositeBeyondUncertainty ? "opposite sides beyond the uncertainty"
                    : l.OppositeSides ? "opposite sides, but not beyond the uncertainty"
                    : "not on opposite sides";
                sb.AppendLine($"    {l.ReferenceLineId}: {sides}: {verdict}");
            }
        }

        AppendMethod(sb, r.Receipt);
        return sb.ToString();
    }

    private static void AppendLocation(StringBuilder sb, LocateResult r, string indent)
    {
        sb.AppendLine(r.Country is { } c
            ? Inv($"{indent}Country   {c.Name} ({c.Id}), {Len(c.DistanceToBoundary)} from its outline (± {Len(c.Receipt.Uncertainty ?? Length.Zero)} {Basis(c.Receipt)}) -> {Verdict(c.Receipt)}")
            : $"{indent}Country   none of the shipped countries (at sea or beyond the shipped outlines)");
        if (r.Subdivision is { } s)
        {
            sb.AppendLine(Inv($"{indent}Province  {s.Name} ({s.Id}), {Len(s.DistanceToBoundary)} from its outline (± {Len(s.Receipt.Uncertainty ?? Length.Zero)} {Basis(s.Receipt)}) -> {Verdict(s.Receipt)}"));
        }

        foreach (var l in r.Lines)
        {
            var where = l.BeyondLineEnd ? "beyond the line's end"
                : l.Side is null ? "on the line"
                : $"on the {l.Side} side";
            sb.AppendLine(Inv($"{indent}{l.ReferenceLineId,-9} {Len(l.Distance)} {where} (signed {Signed(l.SignedDistance)}; ± {Len(l.Receipt.Uncertainty ?? Length.Zero)} {Basis(l.Receipt)}) -> {Verdict(l.Receipt)}"));
            sb.AppendLine(Inv($"{indent}          nearest point {Pos(l.NearestPoint)} (part {l.PartIndex}{(l.PartKind is null ? string.Empty : ", " + l.PartKind)})"));
        }

        if (r.Disagreement is { } d)
        {
            sb.AppendLine(Inv($"{indent}The lines disagree by {Len(d.SignedDistanceSpread)} in signed distance; their nearest points are up to {Len(d.NearestPointSpread)} apart{(d.SidesDiffer ? "; they put it on different sides" : string.Empty)}{(d.VerdictsDiffer ? "; their verdicts differ" : string.Empty)}."));
        }

        sb.AppendLine($"{indent}Overall: {Verdict(r.Receipt)}");
    }

    private static void AppendMethod(StringBuilder sb, MeasurementReceipt receipt) => AppendMethod(sb, [receipt]);

    /// <summary>The method, the datasets (with licence and accuracy) and the notes of one or more receipts of the same method.</summary>
    private static void AppendMethod(StringBuilder sb, IReadOnlyList<MeasurementReceipt> receipts)
    {
        sb.AppendLine($"Method: {receipts[0].Method}; ellipsoid {receipts[0].Ellipsoid}");
        var datasets = receipts.SelectMany(r => r.Datasets).DistinctBy(d => (d.Kind, d.Id));
        sb.AppendLine("Datasets: " + string.Join("; ", datasets.Select(d =>
            Inv($"{d.Kind} {d.Id} ({d.Licence}{(d.AccuracyP95 is { } p ? $", p95 {Len(p)}{(d.Assumed ? " assumed" : string.Empty)}" : string.Empty)})"))));
        foreach (var n in receipts.SelectMany(r => r.Notes).Distinct(StringComparer.Ordinal))
        {
            sb.AppendLine($"Note: {n}");
        }
    }

    /// <summary>What an uncertainty is made of, shortly: the p95 of the dataset measured against, plus a radius when one was added.</summary>
    private static string Basis(MeasurementReceipt r)
    {
        var dataset = r.Datasets.FirstOrDefault();
        if (dataset is null)
        {
            return string.Empty;
        }

        var radius = r.UncertaintyBasis?.Contains("radius", StringComparison.Ordinal) == true ? " + the position's radius" : string.Empty;
        return $"p95 of {dataset.Id}{(dataset.Assumed ? ", assumed" : string.Empty)}{radius}";
    }

    private static string Verdict(MeasurementReceipt r) => r.Verdict is { } v
        ? $"{WireNames.Of(v)} (relative to {r.VerdictRelativeTo})"
        : "no verdict";

    private static string Pos(GeoPosition p)
    {
        var lat = p.LatitudeDegrees;
        var lon = p.NormalizedLongitudeDegrees;
        return Inv($"{Math.Abs(lat):0.000000}{(lat < 0 ? 'S' : 'N')}, {Math.Abs(lon):0.000000}{(lon < 0 ? 'W' : 'E')}");
    }

    private static string Len(Length l) => Math.Abs(l.Meters) >= 1000
        ? Inv($"{l.Kilometers:0.000} km")
        : Inv($"{l.Meters:0.0} m");

    private static string Signed(Length l) => Math.Abs(l.Meters) < 0.05 ? "0.0 m" : (l.Meters > 0 ? "+" : "-") + Len(l.Abs());

    private static string Km2(Area a) => Inv($"{a.SquareKilometers:0.000} km²");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
