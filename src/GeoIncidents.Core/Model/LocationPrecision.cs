using System.Globalization;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Model;

/// <summary>
/// How precisely a position is known, as an uncertainty radius in metres around it: given directly, or converted
/// from an ACLED <c>geo_precision</c> code (1–3) or a UCDP GED <c>where_prec</c> code (1–7) with the table below.
/// </summary>
/// <remarks>
/// <para><b>Conversion table</b> (radius around the coded point; the figures for this case's geography were measured on
/// the shipped Natural Earth units with GeographicLib's GeodSolve, see data/incidents/README.md):</para>
/// <list type="table">
/// <listheader><term>code</term><description>radius, and why</description></listheader>
/// <item><term>ACLED 1</term><description>2 km. "A particular town" is named and its coordinates used: the event is in
/// or at that settlement. Towns near this border span up to about 3 km (Goris), and GeoNames reference points are off by
/// hundreds of metres (data/SOURCES.md).</description></item>
/// <item><term>ACLED 2</term><description>25 km. "A small part of a region" or "near" a town, coded to a nearby town:
/// the same scale as UCDP's class 2, whose codebook states a radius of about 25 km.</description></item>
/// <item><term>ACLED 3</term><description>100 km. Only "a larger region" is named and its provincial capital used: the
/// farthest point of Syunik from its capital Kapan is 88 km away (the largest first-level unit on this border).</description></item>
/// <item><term>UCDP 1</term><description>2 km. The exact place is known; GED codes it to a settlement point, as ACLED 1.</description></item>
/// <item><term>UCDP 2</term><description>25 km. The codebook's own definition: within about 25 km of a known point.</description></item>
/// <item><term>UCDP 3</term><description>35 km. Only the second-order unit (ADM2) is known. No ADM2 polygons ship; GED
/// ranks ADM2 between class 2 (25 km) and ADM1, and the median first-level unit here reaches 34 km from its centroid,
/// an upper value for the second-level units inside it.</description></item>
/// <item><term>UCDP 4</term><description>65 km. Only the first-order unit (ADM1) is known, coded at its centroid: every
/// first-level unit of Armenia and Azerbaijan lies within 63.6 km of its centroid (median 34 km).</description></item>
/// <item><term>UCDP 5</term><description>130 km. A linear feature (a border, road, river) or a part of a country larger
/// than ADM1: no extent is measurable; the geometric mean of the ADM1 (65 km) and country (265 km) radii.</description></item>
/// <item><term>UCDP 6</term><description>265 km. Only the country is known: Azerbaijan lies within 262 km of its
/// centroid, Armenia within 207 km.</description></item>
/// <item><term>UCDP 7</term><description>none (<see cref="Radius"/> is null): international waters or airspace; the
/// position is unbounded and analyses must treat it as unknown.</description></item>
/// </list>
/// <para>These radii are calibrated to the Armenia–Azerbaijan case; for larger countries, UCDP 4–6 need the unit's own
/// size (a later analysis can replace them by the geodesic radius of the named region).</para>
/// </remarks>
public readonly record struct LocationPrecision
{
    /// <summary>The radius for each ACLED <c>geo_precision</c> code 1–3 (index 0 is code 1), in metres.</summary>
    public static IReadOnlyList<double> AcledRadiiMeters { get; } = [2_000, 25_000, 100_000];

    /// <summary>The radius for each UCDP <c>where_prec</c> code 1–7 (index 0 is code 1), in metres; code 7 has none (NaN here).</summary>
    public static IReadOnlyList<double> UcdpRadiiMeters { get; } = [2_000, 25_000, 35_000, 65_000, 130_000, 265_000, double.NaN];

    private LocationPrecision(LocationPrecisionScheme scheme, int? code, Length? radius)
    {
        Scheme = scheme;
        Code = code;
        Radius = radius;
    }

    /// <summary>How the precision was stated.</summary>
    public LocationPrecisionScheme Scheme { get; }

    /// <summary>The ACLED or UCDP code, or null for a radius given directly.</summary>
    public int? Code { get; }

    /// <summary>The uncertainty radius; null only for UCDP code 7 (unbounded).</summary>
    public Length? Radius { get; }

    /// <summary>A radius given directly.</summary>
    /// <param name="radius">Greater than 0 m and at most 20,000 km.</param>
    /// <returns>The precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not in (0 m, 20,000 km].</exception>
    public static LocationPrecision FromRadius(Length radius)
    {
        if (!(radius.Meters > 0) || radius.Meters > 20_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "A location precision radius must be greater than 0 m and at most 20,000 km.");
        }

        return new LocationPrecision(LocationPrecisionScheme.Radius, null, radius);
    }

    /// <summary>Converts an ACLED <c>geo_precision</c> code (see the table in the remarks).</summary>
    /// <param name="code">1, 2 or 3.</param>
    /// <returns>The precision, with its radius.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The code is not 1, 2 or 3.</exception>
    public static LocationPrecision FromAcledGeoPrecision(int code)
    {
        if (code is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "ACLED geo_precision is 1, 2 or 3.");
        }

        return new LocationPrecision(LocationPrecisionScheme.AcledGeoPrecision, code, Length.FromMeters(AcledRadiiMeters[code - 1]));
    }

    /// <summary>Converts a UCDP GED <c>where_prec</c> code (see the table in the remarks).</summary>
    /// <param name="code">1 to 7.</param>
    /// <returns>The precision; its radius is null for code 7.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The code is not in 1–7.</exception>
    public static LocationPrecision FromUcdpWherePrec(int code)
    {
        if (code is < 1 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "UCDP where_prec is 1 to 7.");
        }

        var meters = UcdpRadiiMeters[code - 1];
        return new LocationPrecision(LocationPrecisionScheme.UcdpWherePrec, code, double.IsNaN(meters) ? null : Length.FromMeters(meters));
    }

    /// <summary>Builds a precision from its scheme and code or radius (as stored or exchanged).</summary>
    /// <param name="scheme">The scheme.</param>
    /// <param name="code">The code, for the ACLED and UCDP schemes.</param>
    /// <param name="radius">The radius, for <see cref="LocationPrecisionScheme.Radius"/>.</param>
    /// <returns>The precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The scheme is unknown, or the code or radius is missing or out of range.</exception>
    public static LocationPrecision From(LocationPrecisionScheme scheme, int? code, Length? radius) => scheme switch
    {
        LocationPrecisionScheme.Radius => FromRadius(radius ?? throw new ArgumentOutOfRangeException(nameof(radius), "A radius is required.")),
        LocationPrecisionScheme.AcledGeoPrecision => FromAcledGeoPrecision(code ?? throw new ArgumentOutOfRangeException(nameof(code), "A code is required.")),
        LocationPrecisionScheme.UcdpWherePrec => FromUcdpWherePrec(code ?? throw new ArgumentOutOfRangeException(nameof(code), "A code is required.")),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown scheme."),
    };

    /// <inheritdoc />
    public override string ToString() => Scheme == LocationPrecisionScheme.Radius
        ? $"±{Radius}"
        : string.Create(CultureInfo.InvariantCulture, $"{WireNames.Of(Scheme)} {Code} (±{(Radius is { } r ? r.ToString() : "unbounded")})");
}
