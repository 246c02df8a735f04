using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Tests.Support;
using Xunit.Abstractions;

namespace GeoIncidents.Geodesy.Tests.Geodesics;

/// <summary>
/// Compares the solver with GeographicLib's GeodSolve on the committed reference sets (ReferenceData/README.md).
/// Every quantity is turned into metres: distances and positions directly, azimuths as a displacement.
/// </summary>
/// <remarks>
/// Two displacement measures for azimuths. "s12 × Δazi" (the task's measure) is asserted where double precision
/// can meet it: lines up to 20000 km whose far end is not within 5° of a pole and that are not nearly antipodal.
/// Beyond that a single rounding of the azimuth (1e-16 rad) times s12, or the fast turning of azimuths near a pole,
/// or the flat minimum of lambda12(azi1) near the antipode already exceed 0.1 µm for GeodSolve itself (a 40-digit
/// solution of ReferenceData line 14890 puts GeodSolve's azi1 9e-12° off, 3 µm in this measure). "|m12| × Δazi",
/// how far the azimuth error actually moves the other end of the line, is asserted for every inverse row and for the
/// direct rows under the same conditions. Rows outside are still reported (marked "not asserted").
/// </remarks>
public class GeodesicReferenceTests(ITestOutputHelper output)
{
    /// <summary>The target: 0.1 µm. GeodSolve itself is within 15 nm of exact (printed to 1 nm).</summary>
    private const double ToleranceMeters = 1e-7;


    /// <summary>
    /// S12 (area between the geodesic and the equator, up to 1e14 m²; GeodSolve prints it to 0.01 m²): 1 m², i.e.
    /// 1e-14 relative; c² (4e13 m²) times one rounding of an azimuth is already 0.1 m² on long edges.
    /// </summary>
    private const double AreaToleranceSquareMeters = 1;

    private const double LongLineMeters = 20_000_000;
    private const double PolarCapDegrees = 85;
    private static readonly Geodesic G = Geodesic.Wgs84;

    [Fact]
    public void Inverse_ReferenceSet_WithinToleranceOfGeodSolve()
    {
        var table = new ErrorTable();
        foreach (var row in ReferenceData.Read("geodesic-inverse-wgs84.txt.gz"))
        {
            var v = row.Values; // lat1 lon1 lat2 lon2 | azi1 azi2 s12 a12 m12 M12 M21 S12
            G.InverseDegrees(v[0], v[1], v[2], v[3], out var s12, out var azi1, out var azi2);
            table.Add(row.Category, "s12 m", Math.Abs(s12 - v[6]), row.LineNumber);
            G.InverseCore(v[0], v[1], v[2], v[3], true, out var full);
            table.Add(row.Category, "m12 m", Math.Abs(full.ReducedLengthMeters - v[8]), row.LineNumber);
            table.Add(row.Category, "a12 m", Math.Abs(full.ArcDegrees - v[7]) * Math.PI / 180 * G.Ellipsoid.EquatorialRadiusMeters, row.LineNumber);
            // For a meridian over a pole S12 is a convention modulo half the ellipsoid (pi c² either way round the pole).
            var areaError = Math.Abs(full.AreaSquareMeters - v[11]);
            if (Math.Abs(Math.IEEERemainder(v[3] - v[1], 360)) == 180)
            {
                var half = G.EllipsoidArea.SquareMeters / 2;
                areaError = Math.Abs(Math.IEEERemainder(full.AreaSquareMeters - v[11], half));
            }

            // Nearly antipodal: S12 inherits c² times the azimuth's rounding-limited error (not asserted, reported).
            table.Add(row.Category, row.Category == "antipodal" ? "S12 m2 (not asserted)" : "S12 m2", areaError, row.LineNumber);
            if (row.Category == "coincident")
            {
                continue; // azimuths undefined
            }

            var exactAntipodes = v[2] == -v[0] && Math.Abs(Math.IEEERemainder(v[3] - v[1], 360)) == 180;
            if (exactAntipodes)
            {
                // The azimuth is a convention here: check that our line really reaches the second point.
                G.DirectDegrees(v[0], v[1], azi1, s12, out var lat2, out var lon2, out _);
                table.Add(row.Category, "roundtrip m", ErrorMetrics.PositionErrorMeters(G.Ellipsoid, lat2, lon2, v[2], v[3]), row.LineNumber);
                continue;
            }

            var d1 = ErrorMetrics.AngleDifferenceDegrees(azi1, v[4]) * Math.PI / 180;
            var d2 = ErrorMetrics.AngleDifferenceDegrees(azi2, v[5]) * Math.PI / 180;
            var proxy = row.Category == "antipodal" ? "azi s12 m (not asserted)" : "azi s12 m";
            table.Add(row.Category, proxy, Math.Max(d1, d2) * v[6], row.LineNumber);
            table.Add(row.Category, "azi |m12| m", Math.Max(d1, d2) * Math.Abs(v[8]), row.LineNumber);
        }

        output.WriteLine(table.ToString());
        Assert.Empty(table.Exceeding("s12 m", ToleranceMeters));
        Assert.Empty(table.Exceeding("m12 m", ToleranceMeters));
        Assert.Empty(table.Exceeding("a12 m", ToleranceMeters));
        Assert.Empty(table.Exceeding("azi s12 m", ToleranceMeters));
        Assert.Empty(table.Exceeding("azi |m12| m", ToleranceMeters));
        Assert.Empty(table.Exceeding("roundtrip m", ToleranceMeters));
        Assert.Empty(table.Exceeding("S12 m2", AreaToleranceSquareMeters));
    }

    [Fact]
    public void Direct_ReferenceSet_WithinToleranceOfGeodSolve()
    {
        var table = new ErrorTable();
        foreach (var row in ReferenceData.Read("geodesic-direct-wgs84.txt.gz"))
        {
            var v = row.Values; // lat1 lon1 azi1 s12 | lat2 lon2 azi2 a12 m12 M12 M21 S12
            G.DirectDegrees(v[0], v[1], v[2], v[3], out var lat2, out var lon2, out var azi2);
            table.Add(row.Category, "position m", ErrorMetrics.PositionErrorMeters(G.Ellipsoid, lat2, lon2, v[4], v[5]), row.LineNumber);
            var d2 = ErrorMetrics.AngleDifferenceDegrees(azi2, v[6]) * Math.PI / 180;
            var conditioned = Math.Abs(v[3]) <= LongLineMeters && Math.Abs(v[4]) <= PolarCapDegrees;
            table.Add(row.Category, conditioned ? "azi s12 m" : "azi s12 m (not asserted)", d2 * Math.Abs(v[3]), row.LineNumber);
            table.Add(row.Category, conditioned ? "azi |m12| m" : "azi |m12| m (not asserted)", d2 * Math.Abs(v[8]), row.LineNumber);
        }

        output.WriteLine(table.ToString());
        Assert.Empty(table.Exceeding("position m", ToleranceMeters));
        Assert.Empty(table.Exceeding("azi s12 m", ToleranceMeters));
        Assert.Empty(table.Exceeding("azi |m12| m", ToleranceMeters));
    }
}
