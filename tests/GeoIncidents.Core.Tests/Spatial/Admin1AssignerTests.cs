using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Spatial;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Tests.Spatial;

/// <summary>The computed admin1 of incidents: known units of the shipped places, stated units kept, edge cases.</summary>
public class Admin1AssignerTests
{
    private static readonly SeedData Data = SeedData.Load();
    private static readonly Admin1Assigner Assigner = new(Data.Regions);

    private static Incident At(Geometry? location, string? admin1 = null) =>
        Incident.Create("test-1", "test", IncidentType.Clash, Occurrence.OnDay(new DateOnly(2021, 5, 12)), geometry: location, admin1: admin1);

    private static Point PointAt(double longitudeDegrees, double latitudeDegrees) =>
        GeometryFactories.Wgs84.CreatePoint(new Coordinate(longitudeDegrees, latitudeDegrees));

    [Theory]
    // Known answers: ne_admin1_containing of data/places/places.geojson (the data script's point in polygon, data/SOURCES.md).
    [InlineData(46.34168, 39.51111, "AM-SU")] // Goris
    [InlineData(46.40678, 39.20762, "AM-SU")] // Kapan
    [InlineData(46.22931, 39.58752, "AM-SU")] // Sev Lich
    [InlineData(45.83612, 40.08893, "AM-GR")] // Verin Shorzha
    [InlineData(46.04446, 40.10984, "AZ-KAL")] // Kalbajar
    [InlineData(49.89201, 40.37767, "AZ-BA")] // Baku
    public void Assign_PointWithoutStatedUnit_GetsTheUnitContainingIt(double longitudeDegrees, double latitudeDegrees, string expected)
    {
        var assigned = Assigner.Assign(At(PointAt(longitudeDegrees, latitudeDegrees)));

        Assert.Equal(expected, assigned.Admin1);
    }

    [Fact]
    public void Assign_StatedUnit_IsKeptEvenWhereTheLocationLiesElsewhere()
    {
        // Goris lies in Syunik; a source that says Vayots Dzor keeps its word (the validator flags it when far outside).
        var incident = At(PointAt(46.34168, 39.51111), admin1: "AM-VD");

        Assert.Same(incident, Assigner.Assign(incident));
    }

    [Fact]
    public void Assign_NoLocation_LeavesAdmin1Empty()
    {
        var incident = At(null);

        Assert.Same(incident, Assigner.Assign(incident));
        Assert.Null(Assigner.Assign(incident).Admin1);
    }

    [Fact]
    public void Assign_LocationInNoUnit_LeavesAdmin1Empty()
    {
        // The middle of the Caspian Sea: in no unit of the shipped regions.
        Assert.Null(Assigner.Assign(At(PointAt(51.0, 40.0))).Admin1);
    }

    [Fact]
    public void Assign_Polygon_UsesTheUnitOfItsInteriorPoint()
    {
        // A 0.02° square around Verin Shorzha, wholly inside Gegharkunik.
        var square = GeometryFactories.Wgs84.CreatePolygon([
            new(45.82612, 40.07893), new(45.84612, 40.07893), new(45.84612, 40.09893), new(45.82612, 40.09893), new(45.82612, 40.07893)]);

        Assert.Equal("AM-GR", Assigner.Assign(At(square)).Admin1);
    }

    [Fact]
    public void Assign_KeepsEverythingElse()
    {
        var incident = At(PointAt(46.34168, 39.51111));

        var assigned = Assigner.Assign(incident);

        Assert.Equal(
            (incident.Id, incident.Title, incident.Type, incident.Occurred, incident.Geometry, incident.Revision),
            (assigned.Id, assigned.Title, assigned.Type, assigned.Occurred, assigned.Geometry, assigned.Revision));
    }
}
