using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Projections;
using GeoIncidents.Geodesy.Units;
using GeoIncidents.Testing;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;
using static GeoIncidents.Geodesy.Tests.Projections.ReferenceFiles;

namespace GeoIncidents.Geodesy.Tests.Projections;

public class ProjectedCrsTests(ITestOutputHelper output)
{
    /// <summary>Plane coordinates against GeographicLib/PROJ: ProjNET's series are within 0.8 mm up to 6° from the central meridian.</summary>
    private const double PlaneToleranceMeters = 1e-3;

    /// <summary>Round trips, as a ground distance: ProjNET's inverse series are within 0.7 mm up to 6° from the central meridian.</summary>
    private const double RoundTripToleranceMeters = 1e-3;

    /// <summary>Metres per degree of latitude, to turn small angular differences into ground distances.</summary>
    private const double MetersPerDegree = 111_320.0;

    [Fact]
    public void FromWgs84_Goris_MatchesGeoConvertKnownAnswer()
    {
        // echo "39.51 46.34" | GeoConvert -u -p 3  ->  38n 615197.391 4374231.434
        var goris = GeoPosition.FromLatLon(39.51, 46.34);
        var crs = ProjectedCrs.UtmFor(goris);
        var p = crs.FromWgs84(goris);
        Assert.Equal(32638, crs.Srid);
        Assert.Equal(615197.391, p.EastingMeters, 0.0006);
        Assert.Equal(4374231.434, p.NorthingMeters, 0.0006);
    }

    [Fact]
    public void FromWgs84_ReferencePositions_MatchGeoConvertWithinOneMillimetre()
    {
        var worst = 0.0;
        foreach (var row in Rows("utm-geoconvert.txt"))
        {
            var crs = ProjectedCrs.Utm(GeoConvertZone(row[2]));
            var p = crs.FromWgs84(Position(row));
            var error = Math.Max(Math.Abs(p.EastingMeters - D(row[3])), Math.Abs(p.NorthingMeters - D(row[4])));
            worst = Math.Max(worst, error);
            Assert.True(error <= PlaneToleranceMeters, $"{row[0]} {row[1]} in {crs}: ({p}) vs GeoConvert ({row[3]}, {row[4]}), off by {error:E2} m");
        }

        output.WriteLine($"worst UTM difference from GeoConvert: {worst * 1000:0.000} mm");
    }

    [Fact]
    public void PointScaleFactor_ReferencePositions_MatchGeoConvertWithin1e8()
    {
        foreach (var row in Rows("utm-geoconvert.txt"))
        {
            var crs = ProjectedCrs.Utm(GeoConvertZone(row[2]));
            var k = crs.PointScaleFactor(Position(row));
            Assert.True(Math.Abs(k - D(row[6])) <= 1e-8, $"{row[0]} {row[1]}: k = {k:R}, GeoConvert {row[6]}");
        }
    }

    [GeographicLibFact]
    public async Task FromWgs84_RandomPositions_MatchLiveGeoConvert()
    {
        ExternalServices.GeographicLib.EnsureAvailable();
        var random = new Random(20201110);
        var positions = Enumerable.Range(0, 400)
            .Select(_ => GeoPosition.FromLatLon(-80.0 + (random.NextDouble() * 163.99), -180.0 + (random.NextDouble() * 359.99)))
            .ToList();
        var stdin = string.Join('\n', positions.Select(p => $"{Fixed(p.LatitudeDegrees)} {Fixed(p.LongitudeDegrees)}")) + "\n";
        var run = await ProcessRunner.RunAsync("GeoConvert", ["-u", "-p", "4"], stdin);
        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(positions.Count, lines.Length);
        for (var i = 0; i < positions.Count; i++)
        {
            var f = lines[i].Split(' ');
            var zone = GeoConvertZone(f[0]);
            Assert.Equal(zone, UtmZone.For(positions[i]));
            var p = ProjectedCrs.Utm(zone).FromWgs84(positions[i]);
            Assert.True(Math.Abs(p.EastingMeters - D(f[1])) <= PlaneToleranceMeters && Math.Abs(p.NorthingMeters - D(f[2])) <= PlaneToleranceMeters,
                $"{positions[i]}: ({p}) vs GeoConvert {lines[i]}");
        }
    }

    [Theory]
    [InlineData(1, Hemisphere.North, "EPSG-32601.wkt")]
    [InlineData(31, Hemisphere.North, "EPSG-32631.wkt")]
    [InlineData(38, Hemisphere.North, "EPSG-32638.wkt")]
    [InlineData(60, Hemisphere.North, "EPSG-32660.wkt")]
    [InlineData(1, Hemisphere.South, "EPSG-32701.wkt")]
    [InlineData(38, Hemisphere.South, "EPSG-32738.wkt")]
    [InlineData(60, Hemisphere.South, "EPSG-32760.wkt")]
    public void Wkt_UtmZone_IsGdalsEpsgWkt1(int number, Hemisphere hemisphere, string file)
    {
        var crs = ProjectedCrs.Utm(UtmZone.Create(number, hemisphere));
        Assert.Equal(WithoutLayout(File.ReadAllText(PathOf(Path.Combine("wkt1", file)))), crs.Wkt);
        Assert.DoesNotContain("UTM" + number, crs.Wkt, StringComparison.Ordinal); // not ProjNET's PROJECTION["UTM38N"]
    }

    [Fact]
    public void Wkt_WebMercator_IsGdalsEpsgWkt1() =>
        Assert.Equal(WithoutLayout(File.ReadAllText(PathOf(Path.Combine("wkt1", "EPSG-3857.wkt")))), ProjectedCrs.WebMercator.Wkt);

    [GdalFact]
    public async Task Wkt_ReadByGdal_TransformsLikeOurs()
    {
        ExternalServices.Gdal.EnsureAvailable();
        var positions = Rows("local-tm-cs2cs.txt").Select(Position).ToList();
        var crss = new[]
        {
            ProjectedCrs.LocalTransverseMercator(GeoPosition.FromLatLon(39.5, 46.2)),
            ProjectedCrs.Utm(UtmZone.Create(38, Hemisphere.North)),
            ProjectedCrs.Utm(UtmZone.Create(38, Hemisphere.South)),
        };
        foreach (var crs in crss)
        {
            // gdaltransform reads lon lat (GIS order) and the target CRS as our WKT text.
            var stdin = string.Join('\n', positions.Select(p => $"{Fixed(p.LongitudeDegrees)} {Fixed(p.LatitudeDegrees)}")) + "\n";
            var run = await ProcessRunner.RunAsync("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", crs.Wkt, "-output_xy"], stdin);
            Assert.True(run.ExitCode == 0, run.StandardError);
            var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(positions.Count, lines.Length);
            for (var i = 0; i < positions.Count; i++)
            {
                var f = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var p = crs.FromWgs84(positions[i]);
                Assert.True(Math.Abs(p.EastingMeters - D(f[0])) <= PlaneToleranceMeters && Math.Abs(p.NorthingMeters - D(f[1])) <= PlaneToleranceMeters,
                    $"{crs} {positions[i]}: ({p}) vs GDAL {lines[i]}");
            }
        }
    }

    [Fact]
    public void FromWgs84_WebMercatorReferencePositions_MatchCs2csWithinOneMillimetre()
    {
        foreach (var row in Rows("webmercator-cs2cs.txt"))
        {
            var p = ProjectedCrs.WebMercator.FromWgs84(Position(row));
            Assert.True(Math.Abs(p.EastingMeters - D(row[2])) <= PlaneToleranceMeters && Math.Abs(p.NorthingMeters - D(row[3])) <= PlaneToleranceMeters,
                $"{row[0]} {row[1]}: ({p}) vs cs2cs ({row[2]}, {row[3]})");
        }
    }

    [Fact]
    public void FromWgs84_LocalTransverseMercatorReferencePositions_MatchCs2csWithinOneMillimetre()
    {
        var crs = ProjectedCrs.LocalTransverseMercator(GeoPosition.FromLatLon(39.5, 46.2));
        foreach (var row in Rows("local-tm-cs2cs.txt"))
        {
            var p = crs.FromWgs84(Position(row));
            Assert.True(Math.Abs(p.EastingMeters - D(row[2])) <= PlaneToleranceMeters && Math.Abs(p.NorthingMeters - D(row[3])) <= PlaneToleranceMeters,
                $"{row[0]} {row[1]}: ({p}) vs cs2cs ({row[2]}, {row[3]})");
        }
    }

    [Fact]
    public void Identity_NamesSridsAndKinds_AreThoseOfTheCrs()
    {
        var utm = ProjectedCrs.Utm(UtmZone.Create(38, Hemisphere.North));
        Assert.Equal("WGS 84 / UTM zone 38N", utm.Name);
        Assert.Equal((32638, ProjectionKind.Utm, 45.0, 0.9996), (utm.Srid, utm.Kind, utm.CentralMeridianDegrees, utm.ScaleOnCentralMeridian));
        Assert.Same(utm, ProjectedCrs.UtmFor(GeoPosition.FromLatLon(39.51, 46.34)));

        var local = ProjectedCrs.LocalTransverseMercator(new Envelope(45.0, 47.0, 38.5, 41.5));
        Assert.Equal((0, ProjectionKind.LocalTransverseMercator, 46.0, 40.0, 1.0), (local.Srid, local.Kind, local.CentralMeridianDegrees, local.LatitudeOfOriginDegrees, local.ScaleOnCentralMeridian));
        Assert.Equal("Local transverse Mercator (lat_0=40, lon_0=46, k_0=1)", local.Name);
        Assert.Equal(0.0, local.FromWgs84(GeoPosition.FromLatLon(40.0, 46.0)).EastingMeters, 1e-9);
        Assert.Equal(0.0, local.FromWgs84(GeoPosition.FromLatLon(40.0, 46.0)).NorthingMeters, 1e-9);

        Assert.Equal((3857, ProjectionKind.WebMercator), (ProjectedCrs.WebMercator.Srid, ProjectedCrs.WebMercator.Kind));
    }

    [Fact]
    public void FromWgs84_FarFromCentralMeridian_ThrowsNamingTheLimit()
    {
        var utm = ProjectedCrs.Utm(UtmZone.Create(38, Hemisphere.North));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => utm.FromWgs84(GeoPosition.FromLatLon(40.0, 56.5)));
        Assert.Contains("central meridian", ex.Message, StringComparison.Ordinal);
        Assert.True(utm.FromWgs84(GeoPosition.FromLatLon(40.0, 55.0)).EastingMeters > 1_300_000); // 10° east is still accepted
    }

    [Fact]
    public void FromWgs84_WebMercatorBeyondItsLatitudeLimit_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectedCrs.WebMercator.FromWgs84(GeoPosition.FromLatLon(85.06, 0.0)));

    [Fact]
    public void PointScaleFactor_WebMercator_ThrowsBecauseNotConformal() =>
        Assert.Throws<InvalidOperationException>(() => ProjectedCrs.WebMercator.PointScaleFactor(GeoPosition.FromLatLon(40.0, 0.0)));

    [Fact]
    public void PointScaleFactor_LocalTransverseMercatorOnCentralMeridian_IsOne()
    {
        var crs = ProjectedCrs.LocalTransverseMercator(GeoPosition.FromLatLon(39.5, 46.2));
        Assert.Equal(1.0, crs.PointScaleFactor(GeoPosition.FromLatLon(39.5, 46.2)), 1e-9);
        Assert.Equal(1.0, crs.PointScaleFactor(GeoPosition.FromLatLon(41.0, 46.2)), 1e-9);
    }

    [Property(MaxTest = 300)]
    public Property PointScaleFactor_LocalTransverseMercator_IsAboutOnePlusXSquaredOverTwoRhoNu() =>
        Prop.ForAll(Generators.CenterAndNearby.ToArbitrary(), pair =>
        {
            var (center, position) = pair;
            var crs = ProjectedCrs.LocalTransverseMercator(center);
            if (Math.Abs(Angle.NormalizeDegrees(position.LongitudeDegrees - center.LongitudeDegrees)) > 3.0)
            {
                return true; // the second-order formula is checked where x is at most ~330 km
            }

            var x = crs.FromWgs84(position).EastingMeters;
            var (rho, nu) = Radii(position.LatitudeDegrees);
            // k = 1 + x²/(2ρν) to second order; cosh(x/√(ρν)) adds the sphere's fourth-order term, leaving
            // ellipsoidal and foot-point-latitude terms of order 1e-8 at x ≈ 330 km.
            var expected = Math.Cosh(x / Math.Sqrt(rho * nu));
            return Math.Abs(crs.PointScaleFactor(position) - expected) <= 1e-7;
        });

    [Property(MaxTest = 500)]
    public Property UtmRoundTrip_AnyPosition_ReturnsWithinOneMillimetre() =>
        Prop.ForAll(Generators.UtmPositions.ToArbitrary(), p =>
        {
            var crs = ProjectedCrs.UtmFor(p);
            return Close(p, crs.ToWgs84(crs.FromWgs84(p)));
        });

    [Property(MaxTest = 500)]
    public Property LocalTransverseMercatorRoundTrip_Within6Degrees_ReturnsWithinOneMillimetre() =>
        Prop.ForAll(Generators.CenterAndNearby.ToArbitrary(), pair =>
        {
            var crs = ProjectedCrs.LocalTransverseMercator(pair.Center);
            return Close(pair.Position, crs.ToWgs84(crs.FromWgs84(pair.Position)));
        });

    [Property(MaxTest = 500)]
    public Property WebMercatorRoundTrip_AnyPosition_ReturnsWithinOneMillimetre() =>
        Prop.ForAll(Generators.WebMercatorPositions.ToArbitrary(), p =>
            Close(p, ProjectedCrs.WebMercator.ToWgs84(ProjectedCrs.WebMercator.FromWgs84(p))));

    [Theory]
    [InlineData(0.0)]
    [InlineData(40.0)]
    [InlineData(75.0)]
    public void RoundTrip_AtTheTenDegreeDomainLimit_StaysWithinThreeCentimetres(double lat)
    {
        // The documented domain edge: ProjNET's series still hold to about 2 cm at 10° from the central meridian.
        var crs = ProjectedCrs.LocalTransverseMercator(GeoPosition.FromLatLon(lat, 46.0));
        foreach (var p in new[] { GeoPosition.FromLatLon(lat, 56.0), GeoPosition.FromLatLon(lat + 2.0, 36.0) })
        {
            Assert.True(Close(p, crs.ToWgs84(crs.FromWgs84(p)), 0.03), $"{p}: off by {GroundOffsetMeters(p, crs.ToWgs84(crs.FromWgs84(p))):0.0000} m");
        }
    }

    [Fact]
    public void PlanarDistance_IsTheGridDistance() =>
        Assert.Equal(5.0, ProjectedCrs.PlanarDistance(ProjectedPosition.FromEastingNorthing(1, 1), ProjectedPosition.FromEastingNorthing(4, 5)).Meters, 12);

    private static bool Close(GeoPosition expected, GeoPosition actual, double toleranceMeters = RoundTripToleranceMeters) =>
        GroundOffsetMeters(expected, actual) <= toleranceMeters;

    private static double GroundOffsetMeters(GeoPosition a, GeoPosition b)
    {
        var north = (a.LatitudeDegrees - b.LatitudeDegrees) * MetersPerDegree;
        var east = Angle.NormalizeDegrees(a.LongitudeDegrees - b.LongitudeDegrees) * MetersPerDegree * Math.Cos(a.LatitudeDegrees * Math.PI / 180.0);
        return Math.Sqrt((north * north) + (east * east));
    }

    private static (double Rho, double Nu) Radii(double latDegrees)
    {
        const double a = 6378137.0, f = 1 / 298.257223563;
        var e2 = f * (2 - f);
        var s = Math.Sin(latDegrees * Math.PI / 180.0);
        var w = 1 - (e2 * s * s);
        return (a * (1 - e2) / Math.Pow(w, 1.5), a / Math.Sqrt(w));
    }

    /// <summary>WKT with the whitespace outside quoted names removed (GDAL indents its output).</summary>
    private static string WithoutLayout(string wkt)
    {
        var sb = new StringBuilder(wkt.Length);
        var quoted = false;
        foreach (var ch in wkt)
        {
            quoted ^= ch == '"';
            if (quoted || !char.IsWhiteSpace(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
