using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Spatial;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Core.Tests.Spatial;

/// <summary>The region-level index over the shipped regions: known places, shared boundaries, kinds.</summary>
public class PointInRegionIndexTests
{
    private static readonly SeedData Data = SeedData.Load();
    private static readonly PointInRegionIndex FirstLevel = PointInRegionIndex.FirstLevel(Data.Regions);

    [Fact]
    public void FirstLevel_ShippedRegions_HoldsThe89UnitsAndNoCountry()
    {
        Assert.Equal(89, FirstLevel.Regions.Count);
        Assert.DoesNotContain(FirstLevel.Regions, r => r.Kind == RegionKind.Country);
    }

    [Fact]
    public void Find_EveryShippedPlace_ReturnsTheUnitTheDataScriptComputed()
    {
        // data/places/places.geojson carries ne_admin1_containing, a point-in-polygon against provinces.geojson made
        // by the data script (data/SOURCES.md): an independent known answer for every place that has one.
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Data.Directory, "places", "places.geojson")));
        var checkedPlaces = 0;
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.GetProperty("properties").GetProperty("ne_admin1_containing").GetString() is not { } expected)
            {
                continue;
            }

            var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
            var position = GeoPosition.FromLonLat(coordinates[0].GetDouble(), coordinates[1].GetDouble());
            Assert.Equal(expected, FirstLevel.Find(position)?.Id);
            checkedPlaces++;
        }

        Assert.True(checkedPlaces >= 15, $"only {checkedPlaces} places checked");
    }

    [Fact]
    public void Find_CaspianSea_ReturnsNull()
    {
        Assert.Null(FirstLevel.Find(GeoPosition.FromLatLon(40.0, 51.0)));
    }

    [Fact]
    public void FindAll_VertexSharedByTwoUnits_ReturnsBothInListOrder()
    {
        // A vertex that appears in the outlines of exactly two units lies on their shared boundary.
        var owners = FirstLevel.Regions
            .SelectMany((r, k) => r.Geometry.Coordinates.Select(c => (c.X, c.Y, k)))
            .GroupBy(t => (t.X, t.Y))
            .First(g => g.Select(t => t.k).Distinct().Count() == 2);
        var expected = owners.Select(t => t.k).Distinct().Order().Select(k => FirstLevel.Regions[k].Id).ToList();
        var position = GeoPosition.FromLonLat(owners.Key.X, owners.Key.Y);

        Assert.Equal(expected, FirstLevel.FindAll(position).Select(r => r.Id));
        Assert.Equal(expected[0], FirstLevel.Find(position)?.Id);
    }

    [Fact]
    public void OfKinds_Countries_AssignsArmeniaAndAzerbaijan()
    {
        var countries = PointInRegionIndex.OfKinds(Data.Regions, RegionKind.Country);
        double[] lons = [46.34168, 49.89201, 51.0];
        double[] lats = [39.51111, 40.37767, 40.0];
        var ordinals = new int[3];

        countries.Assign(lons, lats, ordinals);

        Assert.Equal(["AM", "AZ"], ordinals.Take(2).Select(o => countries.Regions[o].Id));
        Assert.Equal(PointInAreaIndex.NoArea, ordinals[2]);
    }

    [Fact]
    public void Constructor_DuplicateIds_Throws()
    {
        var region = Data.Regions[0];
        Assert.Throws<ArgumentException>(() => new PointInRegionIndex([region, region]));
    }
}
