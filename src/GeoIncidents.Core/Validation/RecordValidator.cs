using System.Globalization;
using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Validation;

/// <summary>
/// Validates records in their context: reference errors (an unknown party, place, region, line, incident or zone)
/// and plausibility warnings, which never reject a record (real datasets, ACLED among them, carry such rows; an
/// import must not fail on them). <see cref="Flag(Incident)"/> stores the warnings on the record.
/// </summary>
/// <remarks>
/// <para>Warnings:</para>
/// <list type="bullet">
/// <item><c>far-outside-region</c>: a position lies outside the region the record names (an incident's
/// <c>admin1</c>, a claim's derivation region or <c>toward_region</c>, a place's <c>admin1</c> or country) and
/// outside that region's lon/lat envelope expanded by <see cref="FarOutsideMarginMeters"/> plus the record's
/// location precision radius. Inside the envelope but outside the polygon is not flagged: Natural Earth's 1:10m
/// outlines are off by kilometres (Lachin town falls in NE's Shusha district).</item>
/// <item><c>likely-lat-lon-swap</c>: the position does not fall in the named region (or, when none is named, in
/// any of the case's countries), but with latitude and longitude exchanged it does.</item>
/// <item><c>low-coordinate-precision</c>: a point's coordinates are rounded so coarsely that rounding alone can move it
/// further than its stated location precision (half a unit of the last decimal, about 111 km per degree), or, with no
/// stated precision, to 1 decimal or fewer (integers: up to ~56 km).</item>
/// <item><c>future-date</c>: an occurrence, statement or publication date after the current UTC date of the injected clock.</item>
/// <item><c>no-source</c>: an incident or claim that cites no source.</item>
/// </list>
/// </remarks>
public sealed class RecordValidator
{
    /// <summary>
    /// The margin beyond a region's envelope that makes a position "far" outside it: 5 km, what 0.5 mm represents at
    /// 1:10,000,000, the scale Natural Earth's outlines are drawn for (data/SOURCES.md). The record's own location
    /// precision radius is added to it.
    /// </summary>
    public const double FarOutsideMarginMeters = 5_000;

    /// <summary>Coordinates rounded to this many decimals or fewer are flagged when no location precision is stated.</summary>
    public const int MinimumDecimalsWithoutPrecision = 2;

    /// <summary>Nominal metres per degree, for explaining coordinate rounding in messages (about 111 km).</summary>
    public const double NominalMetersPerDegree = 111_320;

    private readonly RegionIndex _regions;
    private readonly TimeProvider _clock;
    private readonly ReferenceCatalog _catalog;
    private readonly IReadOnlySet<string> _indexedRegionIds;

    /// <summary>Creates a validator.</summary>
    /// <param name="regions">The regions for the spatial checks.</param>
    /// <param name="clock">The clock for future-date checks (inject <see cref="TimeProvider.System"/> in production).</param>
    /// <param name="catalog">The ids references may name; null checks no references.</param>
    public RecordValidator(RegionIndex regions, TimeProvider clock, ReferenceCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(clock);
        _regions = regions;
        _clock = clock;
        _catalog = catalog ?? new ReferenceCatalog();
        _indexedRegionIds = regions.Ids.ToHashSet(RecordIds.Comparer);
    }

    /// <summary>Region ids references may name: the catalogue's, else the index's.</summary>
    private IReadOnlySet<string> RegionIds => _catalog.RegionIds ?? _indexedRegionIds;

    /// <summary>Validates an incident (not its claims; see <see cref="Flag(Incident)"/>).</summary>
    /// <param name="incident">The incident.</param>
    /// <returns>Reference errors and warnings.</returns>
    public ValidationReport Validate(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var issues = new List<ValidationIssue>();
        Reference(issues, "admin1", incident.Admin1, RegionIds, "region");

        CheckGeometry(issues, "geometry", incident.Geometry, incident.Admin1, incident.LocationPrecision);
        FutureInstant(issues, "occurred", incident.Occurred.Start);
        if (incident.Sources.Count == 0)
        {
            issues.Add(ValidationIssue.Warning(ValidationCodes.NoSource, "sources", "the incident cites no source"));
        }

        return new ValidationReport(issues);
    }

    /// <summary>Validates a claim.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>Reference errors and warnings.</returns>
    public ValidationReport Validate(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var issues = new List<ValidationIssue>();
        Reference(issues, "incident", claim.IncidentId, _catalog.IncidentIds, "incident");
        Reference(issues, "claimant", claim.ClaimantId, _catalog.PartyIds, "party");
        if (claim.Displacement is { } d)
        {
            CheckPoint(issues, "displacement.origin", d.Origin, d.OriginRadius);
            Reference(issues, "displacement.toward_region", d.TowardRegionId, RegionIds, "region");
        }

        if (claim.Derivation is { } b)
        {
            Reference(issues, "derivation.region", b.RegionId, RegionIds, "region");
            for (var i = 0; i < b.ReferenceLineIds.Count; i++)
            {
                Reference(issues, $"derivation.reference_lines[{i}]", b.ReferenceLineIds[i], _catalog.ReferenceLineIds, "reference line");
            }

            for (var i = 0; i < b.AnchorPlaceIds.Count; i++)
            {
                Reference(issues, $"derivation.anchor_places[{i}]", b.AnchorPlaceIds[i], _catalog.PlaceIds, "place");
            }
        }

        var namedRegion = claim.Derivation?.RegionId ?? claim.Displacement?.TowardRegionId;
        CheckGeometry(issues, "geometry", claim.Geometry, namedRegion, claim.LocationPrecision);
        if (claim.Occurred is { } o)
        {
            FutureInstant(issues, "occurred", o.Start);
        }

        FutureDate(issues, "stated_on", claim.StatedOn);
        if (claim.Sources.Count == 0)
        {
            issues.Add(ValidationIssue.Warning(ValidationCodes.NoSource, "sources", "the claim cites no source"));
        }

        return new ValidationReport(issues);
    }

    /// <summary>Validates a place.</summary>
    /// <param name="place">The place.</param>
    /// <returns>Reference errors and warnings.</returns>
    public ValidationReport Validate(Place place)
    {
        ArgumentNullException.ThrowIfNull(place);
        var issues = new List<ValidationIssue>();
        Reference(issues, "admin1", place.Admin1, RegionIds, "region");
        var named = place.Admin1 is { } a && _regions.TryGet(a, out _) ? a : place.Country;
        CheckPosition(issues, "geometry", place.Position.LongitudeDegrees, place.Position.LatitudeDegrees, named, null, checkDecimals: true);
        return new ValidationReport(issues);
    }

    /// <summary>Validates a zone.</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>Reference errors and warnings.</returns>
    public ValidationReport Validate(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var issues = new List<ValidationIssue>();
        Reference(issues, "controlled_by", zone.ControlledBy, _catalog.PartyIds, "party");
        if (zone.Derivation is { } d)
        {
            for (var i = 0; i < d.Centreline.Count; i++)
            {
                CheckPoint(issues, $"derivation.centreline[{i}]", d.Centreline[i], null);
            }
        }

        return new ValidationReport(issues);
    }

    /// <summary>Validates a control event.</summary>
    /// <param name="controlEvent">The event.</param>
    /// <returns>Reference errors.</returns>
    public ValidationReport Validate(ControlEvent controlEvent)
    {
        ArgumentNullException.ThrowIfNull(controlEvent);
        var issues = new List<ValidationIssue>();
        var subjects = controlEvent.SubjectKind == ControlSubjectKind.Region ? RegionIds : _catalog.ZoneIds;
        Reference(issues, "subject", controlEvent.SubjectId, subjects, WireNames.Of(controlEvent.SubjectKind));
        Reference(issues, "from_party", controlEvent.FromPartyId, _catalog.PartyIds, "party");
        Reference(issues, "to_party", controlEvent.ToPartyId, _catalog.PartyIds, "party");
        return new ValidationReport(issues);
    }

    /// <summary>Validates a source.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Warnings.</returns>
    public ValidationReport Validate(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var issues = new List<ValidationIssue>();
        FutureDate(issues, "published", source.Published);
        return new ValidationReport(issues);
    }

    /// <summary>The incident and its claims with their warnings stored on them (replacing earlier ones).</summary>
    /// <param name="incident">The incident.</param>
    /// <returns>The flagged incident.</returns>
    /// <exception cref="RecordValidationException">A reference error was found (in the incident or a claim).</exception>
    public Incident Flag(Incident incident)
    {
        var report = Validate(incident);
        ThrowOnErrors("incident", report);
        var claims = incident.Claims.Select(Flag).ToList();
        return incident.WithClaims(claims).WithWarnings(report.Warnings);
    }

    /// <summary>The claim with its warnings stored on it (replacing earlier ones).</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The flagged claim.</returns>
    /// <exception cref="RecordValidationException">A reference error was found.</exception>
    public Claim Flag(Claim claim)
    {
        var report = Validate(claim);
        ThrowOnErrors("claim", report);
        return claim.WithWarnings(report.Warnings);
    }

    private static void ThrowOnErrors(string kind, ValidationReport report)
    {
        if (report.HasErrors)
        {
            throw new RecordValidationException(kind, report.Errors.ToList());
        }
    }

    private static void Reference(List<ValidationIssue> issues, string field, string? id, IReadOnlySet<string>? known, string what)
    {
        if (id is null || known is null || known.Contains(id))
        {
            return;
        }

        var sample = string.Join(", ", known.Order(StringComparer.Ordinal).Take(12));
        issues.Add(ValidationIssue.Error(ValidationCodes.UnknownReference, field, $"unknown {what} '{id}' (known: {sample}{(known.Count > 12 ? ", ..." : string.Empty)})"));
    }

    private void FutureInstant(List<ValidationIssue> issues, string field, DateTimeOffset start)
    {
        var now = _clock.GetUtcNow();
        if (start > now)
        {
            issues.Add(ValidationIssue.Warning(ValidationCodes.FutureDate, field, $"{start:yyyy-MM-dd} is in the future (now {now:yyyy-MM-dd'T'HH:mm'Z'})"));
        }
    }

    private void FutureDate(List<ValidationIssue> issues, string field, DateOnly? date)
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        if (date is { } d && d > today)
        {
            issues.Add(ValidationIssue.Warning(ValidationCodes.FutureDate, field, $"{d:yyyy-MM-dd} is in the future (today {today:yyyy-MM-dd})"));
        }
    }

    private void CheckPoint(List<ValidationIssue> issues, string field, PointReference point, Length? radius)
    {
        Reference(issues, field, point.PlaceId, _catalog.PlaceIds, "place");
        if (point.Position is GeoPosition p)
        {
            CheckPosition(issues, field, p.LongitudeDegrees, p.LatitudeDegrees, null, radius is { } r ? LocationPrecision.FromRadius(r) : null, checkDecimals: true);
        }
    }

    private void CheckGeometry(List<ValidationIssue> issues, string field, Geometry? geometry, string? regionId, LocationPrecision? precision)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            return;
        }

        if (geometry is Point or MultiPoint)
        {
            var seen = 0;
            foreach (var c in geometry.Coordinates)
            {
                var before = issues.Count;
                CheckPosition(issues, field, c.X, c.Y, regionId, precision, checkDecimals: true);
                seen += issues.Count - before;
                if (seen > 0)
                {
                    break; // one flagged point is enough to draw attention to the record
                }
            }

            return;
        }

        var representative = geometry.InteriorPoint;
        CheckPosition(issues, field, representative.X, representative.Y, regionId, precision, checkDecimals: false);
    }

    private void CheckPosition(List<ValidationIssue> issues, string field, double lon, double lat, string? regionId, LocationPrecision? precision, bool checkDecimals)
    {
        // Formatted only when an issue quotes it (most positions raise none).
        string Given() => $"[{F(lon)}, {F(lat)}]";
        if (checkDecimals)
        {
            CheckDecimals(issues, field, lon, lat, precision);
        }

        var swappedValid = lat is >= -180 and <= 180 && lon is >= -90 and <= 90;
        if (regionId is not null && _regions.TryGet(regionId, out var region))
        {
            if (_regions.ContainsLonLat(regionId, lon, lat))
            {
                return;
            }

            if (swappedValid && _regions.ContainsLonLat(regionId, lat, lon))
            {
                issues.Add(ValidationIssue.Warning(
                    ValidationCodes.LikelyLatLonSwap,
                    field,
                    $"{Given()} lies outside {region.Name} ({region.Id}), but [{F(lat)}, {F(lon)}] lies inside it: latitude and longitude look swapped (GeoJSON order is [lon, lat])"));
                return;
            }

            var margin = Length.FromMeters(FarOutsideMarginMeters + (precision?.Radius?.Meters ?? 0));
            if (_regions.IsFarOutsideLonLat(regionId, lon, lat, margin))
            {
                issues.Add(ValidationIssue.Warning(
                    ValidationCodes.FarOutsideRegion,
                    field,
                    $"{Given()} lies far outside {region.Name} ({region.Id}): more than {margin.Kilometers.ToString("0.#", CultureInfo.InvariantCulture)} km beyond its bounding box"));
            }

            return;
        }

        if (_regions.CaseCountries.Count == 0 || _regions.CaseCountries.Any(c => _regions.ContainsLonLat(c, lon, lat)))
        {
            return;
        }

        var swappedIn = swappedValid ? _regions.CaseCountries.FirstOrDefault(c => _regions.ContainsLonLat(c, lat, lon)) : null;
        if (swappedIn is not null && _regions.TryGet(swappedIn, out var country))
        {
            issues.Add(ValidationIssue.Warning(
                ValidationCodes.LikelyLatLonSwap,
                field,
                $"{Given()} lies in none of {string.Join(", ", _regions.CaseCountries)}, but [{F(lat)}, {F(lon)}] lies in {country.Name} ({country.Id}): latitude and longitude look swapped (GeoJSON order is [lon, lat])"));
        }
    }

    private static void CheckDecimals(List<ValidationIssue> issues, string field, double lon, double lat, LocationPrecision? precision)
    {
        var decimals = Math.Min(Decimals(lon), Decimals(lat));
        var halfStepMeters = 0.5 * Math.Pow(10, -decimals) * NominalMetersPerDegree;
        var bound = precision?.Radius;
        var flagged = precision is null
            ? decimals < MinimumDecimalsWithoutPrecision
            : bound is { } b && halfStepMeters > b.Meters;
        if (!flagged)
        {
            return;
        }

        var stated = bound is { } r ? $"more than the stated precision of {r}" : "and no location precision is stated";
        issues.Add(ValidationIssue.Warning(
            ValidationCodes.LowCoordinatePrecision,
            field,
            $"[{F(lon)}, {F(lat)}] is rounded to {decimals} decimal place{(decimals == 1 ? string.Empty : "s")}: rounding alone can move it by up to about {Length.FromMeters(halfStepMeters)}, {stated}"));
    }

    /// <summary>Decimal places in the shortest round-trip form of a number (46.3 has 1, 46 has 0).</summary>
    internal static int Decimals(double value)
    {
        Span<char> buffer = stackalloc char[40];
        ReadOnlySpan<char> s = value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)
            ? buffer[..written]
            : value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E') || s.Contains('e'))
        {
            return 15;
        }

        var dot = s.IndexOf('.');
        return dot < 0 ? 0 : s.Length - dot - 1;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
