using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.ShippedData;

namespace GeoIncidents.Core.Tests.Seed;

/// <summary>The seed data of data/incidents/ (facts: shared CASES.md; sources: data/SOURCES.md "Seed incidents").</summary>
public class SeedDataTests
{
    private static readonly SeedData Data = SeedData.Load();

    private static Claim ClaimOf(string id) => Data.Claims.Single(c => c.Id == id);

    [Fact]
    public void Load_ShippedData_ValidatesWithoutErrorsOrWarnings()
    {
        // Load throws SeedDataException on any error; warnings are collected.
        Assert.True(Data.Warnings.Count == 0, string.Join(Environment.NewLine, Data.Warnings));
        Assert.All(Data.Incidents, i => Assert.Empty(i.Warnings));
        Assert.All(Data.Claims, c => Assert.Empty(c.Warnings));
    }

    [Fact]
    public void Load_KeepsTheFeatureListsOfShippedDataSet()
    {
        Assert.Equal(6 + 89, Data.Shipped.Regions.Count);
        Assert.Equal(Data.Shipped.Regions.Count, Data.Regions.Count);
        Assert.Equal(Data.Shipped.Places.Count, Data.Places.Count);
        Assert.Equal(["ne-10m", "osm-2020"], Data.ReferenceLines.Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.True(Data.ReferenceLines.Single(l => l.Id == "osm-2020").Accuracy.Assumed);
        Assert.Equal(2900, Data.ReferenceLines.Single(l => l.Id == "ne-10m").Accuracy.P95.Meters);
    }

    [Fact]
    public void Incidents_AreTheFiveEventsOfTheCase_EachWithASource()
    {
        Assert.Equal(
            ["2020-09-27", "2020-11-09/2020-11-10", "2021-05-12", "2021-05-27", "2021-06-17"],
            Data.Incidents.Select(i => i.Occurred.ToIsoString()).Order(StringComparer.Ordinal));
        Assert.All(Data.Incidents, i => Assert.NotEmpty(i.Sources));
        Assert.All(Data.Claims, c => Assert.NotEmpty(c.Sources));
    }

    [Fact]
    public void References_AllNameExistingRecords()
    {
        var parties = Data.Parties.Select(p => p.Id).ToHashSet();
        var places = Data.Places.Select(p => p.Id).ToHashSet();
        var regions = Data.Regions.Select(r => r.Id).ToHashSet();
        var lines = Data.ReferenceLines.Select(l => l.Id).ToHashSet();
        var incidents = Data.Incidents.Select(i => i.Id).ToHashSet();
        var sources = Data.Sources.Select(s => s.Id).ToHashSet();
        var zones = Data.Zones.Select(z => z.Id).ToHashSet();

        Assert.All(Data.Claims, c =>
        {
            Assert.Contains(c.ClaimantId, parties);
            Assert.Contains(c.IncidentId, incidents);
            if (c.Displacement is { } d)
            {
                Assert.Contains(d.Origin.PlaceId!, places);
                Assert.Contains(d.TowardRegionId!, regions);
            }

            if (c.Derivation is { } b)
            {
                Assert.Contains(b.RegionId, regions);
                Assert.All(b.ReferenceLineIds, l => Assert.Contains(l, lines));
                Assert.All(b.AnchorPlaceIds, p => Assert.Contains(p, places));
            }
        });
        Assert.All(Data.Zones, z =>
        {
            Assert.Contains(z.ControlledBy, parties);
            Assert.All(z.Derivation!.Centreline.Where(p => p.PlaceId is not null), p => Assert.Contains(p.PlaceId!, places));
        });
        Assert.All(Data.ControlEvents, e =>
        {
            Assert.Contains(e.SubjectId, e.SubjectKind == ControlSubjectKind.Region ? regions : zones);
            Assert.Contains(e.ToPartyId, parties);
            Assert.True(e.FromPartyId is null || parties.Contains(e.FromPartyId));
        });
        var cited = Data.Incidents.SelectMany(i => i.Sources).Concat(Data.Claims.SelectMany(c => c.Sources))
            .Concat(Data.Zones.SelectMany(z => z.Sources)).Concat(Data.ControlEvents.SelectMany(e => e.Sources));
        Assert.All(cited, s => Assert.Equal(Data.Sources.Single(x => x.Id == s.Id), s));
        Assert.Equal(sources.Order(StringComparer.Ordinal), cited.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("AZ-KAL", "Kalbajar")]
    [InlineData("AZ-LAC", "Lachin")]
    [InlineData("AZ-AGM", "Agdam")]
    [InlineData("AM-GR", "Gegharkunik")]
    [InlineData("AM-SU", "Syunik")]
    public void Regions_TheCaseCodesExist(string iso, string name)
    {
        var region = Data.Regions.Single(r => r.Id == iso);
        Assert.Equal(iso, region.IsoCode);
        Assert.Equal(name, region.Name);
    }

    [Fact]
    public void Case3_ArmMod_IsADisplacementAndABandNeverAPoint()
    {
        var claim = ClaimOf("clm-2021-05-12-am-mod");
        Assert.Equal("am-mod", claim.ClaimantId);
        Assert.Null(claim.Geometry);

        var d = claim.Displacement!;
        Assert.Equal("sev-lich", d.Origin.PlaceId);
        Assert.Equal(1500, d.OriginRadius!.Value.Meters);
        Assert.Null(d.Azimuth);
        Assert.Equal(3500, d.Distance.Meters);
        Assert.Equal("AM-SU", d.TowardRegionId);

        var b = claim.Derivation!;
        Assert.Equal("AM-SU", b.RegionId);
        Assert.Equal(3500, b.Depth.Meters);
        Assert.Equal(10_000, b.StretchLength!.Value.Meters);
        Assert.Equal(["sev-lich"], b.AnchorPlaceIds);
        Assert.Equal(["osm-2020", "ne-10m"], b.ReferenceLineIds);
        Assert.Equal(["s1", "s3"], claim.Sources.Select(s => s.Id));
    }

    [Fact]
    public void Case3_AzerbaijaniSide_IsTextOnlyAndCitesItsSource()
    {
        var claim = ClaimOf("clm-2021-05-12-az-mfa");
        Assert.Equal("inc-2021-05-12-sev-lich", claim.IncidentId);
        Assert.Null(claim.Geometry);
        Assert.Null(claim.Derivation);
        Assert.Null(claim.Displacement);
        Assert.Equal(["s4"], claim.Sources.Select(s => s.Id));
    }

    [Fact]
    public void Case4_TwoContradictingClaims_ShareStretchDepthAndLines()
    {
        var arm = ClaimOf("clm-2021-05-27-am-mod").Derivation!;
        var aze = ClaimOf("clm-2021-05-27-az-mod").Derivation!;
        Assert.Equal("AM-GR", arm.RegionId);
        Assert.Equal("AZ-KAL", aze.RegionId);
        foreach (var b in new[] { arm, aze })
        {
            Assert.Equal(3000, b.Depth.Meters);
            Assert.Equal(15_000, b.StretchLength!.Value.Meters);
            Assert.Equal(["verin-shorzha", "kut"], b.AnchorPlaceIds);
            Assert.Equal("osm-2020", b.ReferenceLineIds[0]); // the line the areas are built from
        }

        var incident = Data.Incidents.Single(i => i.Id == "inc-2021-05-27-gegharkunik-kalbajar");
        Assert.Equal(IncidentStatus.Disputed, incident.Status);
        Assert.Equal(IncidentType.Detention, incident.Type);
        Assert.Null(incident.Geometry);
        Assert.Equal(3, incident.Claims.Count);
        Assert.All(incident.Claims, c => Assert.Null(c.Geometry));
    }

    [Fact]
    public void Case3_IncidentPoint_IsTheSourcedSevLichPlaceWithItsRadius()
    {
        var incident = Data.Incidents.Single(i => i.Id == "inc-2021-05-12-sev-lich");
        Assert.Equal(Data.Places.Single(p => p.Id == "sev-lich").ToPoint(), incident.Geometry);
        Assert.Equal(1500, incident.LocationPrecision!.Value.Radius!.Value.Meters);
    }

    [Fact]
    public void Case5_Statement_IsUnlocatedButDated()
    {
        var incident = Data.Incidents.Single(i => i.Type == IncidentType.Statement);
        Assert.Null(incident.Geometry);
        Assert.Equal(new DateOnly(2021, 6, 17), DateOnly.FromDateTime(incident.Occurred.Start.UtcDateTime));
        Assert.Equal("ru-mfa", Assert.Single(incident.Claims).ClaimantId);
    }

    [Fact]
    public void Case2_Statement_SpansNineAndTenNovember()
    {
        var o = Data.Incidents.Single(i => i.Type == IncidentType.Agreement).Occurred;
        Assert.Equal(new DateTimeOffset(2020, 11, 9, 0, 0, 0, TimeSpan.Zero), o.WidenedStart);
        Assert.Equal(new DateTimeOffset(2020, 11, 11, 0, 0, 0, TimeSpan.Zero), o.WidenedEnd);
    }

    [Fact]
    public void LachinCorridor_IsStoredAsItsDerivationWithItsUncertainty()
    {
        var zone = Assert.Single(Data.Zones);
        Assert.Equal("lachin-corridor", zone.Id);
        Assert.Equal(ZoneKind.Corridor, zone.Kind);
        Assert.Equal("ru-peacekeepers", zone.ControlledBy);
        Assert.Equal(new DateOnly(2020, 12, 1), zone.ValidFrom);
        Assert.Null(zone.Geometry);

        var d = zone.Derivation!;
        Assert.Equal(5000, d.Width.Meters);
        Assert.Equal([null, "lachin", "stepanakert"], d.Centreline.Select(p => p.PlaceId));
        var crossing = d.Centreline[0].Position!.Value;
        Assert.Equal((46.4499, 39.5768), (crossing.LongitudeDegrees, crossing.LatitudeDegrees));
        Assert.Contains("point 6", d.LegalBasis, StringComparison.Ordinal);
        Assert.Equal(5000, zone.Uncertainty!.Radius.Meters);
        Assert.Contains("approximate", zone.Uncertainty.Reasoning, StringComparison.Ordinal);
        Assert.Contains("s2", zone.Sources.Select(s => s.Id));
    }

    [Fact]
    public void LachinCorridor_BorderWaypointLiesBetweenGorisAndLachin()
    {
        // The crossing is on the Goris→Lachin segment (checked to 9 m against the geodesic with GeodSolve; see
        // data/incidents/README.md); here only that it lies inside their lon/lat box, in Azerbaijan's half of it.
        var crossing = Data.Zones.Single().Derivation!.Centreline[0].Position!.Value;
        var goris = Data.Places.Single(p => p.Id == "goris").Position;
        var lachin = Data.Places.Single(p => p.Id == "lachin").Position;
        Assert.InRange(crossing.LongitudeDegrees, goris.LongitudeDegrees, lachin.LongitudeDegrees);
        Assert.InRange(crossing.LatitudeDegrees, goris.LatitudeDegrees, lachin.LatitudeDegrees);
    }

    [Fact]
    public void ControlEvents_TheDistrictsHandedOverInNovemberAndDecember2020()
    {
        var byRegion = Data.ControlEvents.ToDictionary(e => e.SubjectId);
        Assert.Equal(new DateOnly(2020, 11, 20), byRegion["AZ-AGM"].Effective);
        Assert.Null(byRegion["AZ-AGM"].Planned);
        Assert.Equal(new DateOnly(2020, 11, 25), byRegion["AZ-KAL"].Effective);
        Assert.Equal(new DateOnly(2020, 11, 15), byRegion["AZ-KAL"].Planned);
        Assert.Equal(new DateOnly(2020, 12, 1), byRegion["AZ-LAC"].Effective);
        Assert.All(byRegion.Values, e => Assert.Equal("az-gov", e.ToPartyId));
        Assert.All(byRegion.Values, e => Assert.Contains("s2", e.Sources.Select(s => s.Id)));
    }

    [Theory]
    [InlineData("kalbajar", "Kelbajar")]
    [InlineData("kalbajar", "Karvachar")]
    [InlineData("lachin", "Berdzor")]
    [InlineData("shusha", "Shushi")]
    [InlineData("stepanakert", "Khankendi")]
    [InlineData("sev-lich", "Garagol")]
    [InlineData("sev-lich", "Sev Lich")]
    public void Places_CarryTheAlternateNamesOfEachSide(string placeId, string name)
    {
        var place = Data.Places.Single(p => p.Id == placeId);
        Assert.Contains(name, place.Names.All);
        var alternate = place.Names.Alternates.SingleOrDefault(a => a.Name == name);
        Assert.True(alternate is null || !string.IsNullOrEmpty(alternate.Source), $"{name} has no source");
    }

    [Fact]
    public void Places_CountriesAreAlpha2()
    {
        Assert.Equal(["AM", "AZ"], Data.Places.Select(p => p.Country).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_BrokenCopy_ListsEveryProblemWithFileFeatureAndField()
    {
        var copy = Directory.CreateTempSubdirectory("geoincidents-seed-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(Data.Directory, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(Data.Directory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var claims = Path.Combine(copy.FullName, "incidents", "claims.geojson");
            File.WriteAllText(claims, File.ReadAllText(claims)
                .Replace("\"claimant\": \"crisis-group\"", "\"claimant\": \"nobody\"", StringComparison.Ordinal)
                .Replace("\"depth_m\": 3500", "\"depth_m\": 0", StringComparison.Ordinal));

            var ex = Assert.Throws<SeedDataException>(() => SeedData.Load(copy.FullName));

            // Reading stops the load before the reference checks: only the parse/record error is listed.
            Assert.StartsWith("incidents/claims.geojson: feature 1: properties.derivation.depth_m: a band depth must be greater than 0 m", Assert.Single(ex.Problems), StringComparison.Ordinal);

            // Fix the first problem: the second (a reference) surfaces in the validation pass.
            File.WriteAllText(claims, File.ReadAllText(claims).Replace("\"depth_m\": 0", "\"depth_m\": 3500", StringComparison.Ordinal));
            ex = Assert.Throws<SeedDataException>(() => SeedData.Load(copy.FullName));
            Assert.Equal(["incidents/claims.geojson: clm-2021-05-27-crisis-group: properties.claimant: unknown party 'nobody' (known: am-gov, am-mod, az-gov, az-mfa, az-mod, crisis-group, ru-gov, ru-mfa, ru-peacekeepers)"], ex.Problems);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromShipped_ReusesALoadedShippedDataSet()
    {
        var shipped = ShippedDataSet.Load();
        Assert.Same(shipped, SeedData.FromShipped(shipped).Shipped);
    }
}
