using System.Globalization;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Geodesy.Projections;

/// <summary>
/// A UTM zone on WGS84: a number 1–60 (6° of longitude each, zone 1 from 180°W) and a hemisphere; its EPSG
/// code is 326zz (north) or 327zz (south).
/// </summary>
public readonly record struct UtmZone
{
    /// <summary>The southern limit of UTM, in degrees of latitude (UPS covers the cap beyond it).</summary>
    public const double MinLatitudeDegrees = -80.0;

    /// <summary>The northern limit of UTM, in degrees of latitude, exclusive (UPS from 84°N on, as in GeographicLib).</summary>
    public const double MaxLatitudeDegrees = 84.0;

    private UtmZone(int number, Hemisphere hemisphere)
    {
        Number = number;
        Hemisphere = hemisphere;
    }

    /// <summary>The zone number, 1–60.</summary>
    public int Number { get; }

    /// <summary>The hemisphere (false northing 0 m in the north, 10 000 000 m in the south).</summary>
    public Hemisphere Hemisphere { get; }

    /// <summary>The EPSG code: 32600 + zone in the north, 32700 + zone in the south (38N is 32638).</summary>
    public int EpsgCode => (Hemisphere == Hemisphere.North ? 32600 : 32700) + Number;

    /// <summary>The central meridian in degrees: 6 × zone − 183 (zone 38: 45°E).</summary>
    public double CentralMeridianDegrees => Number * 6 - 183;

    /// <summary>Creates a zone.</summary>
    /// <param name="number">The zone number, 1–60.</param>
    /// <param name="hemisphere">The hemisphere.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The number is outside 1–60 or the hemisphere is not defined.</exception>
    public static UtmZone Create(int number, Hemisphere hemisphere)
    {
        if (number is < 1 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A UTM zone number must lie in [1, 60].");
        }

        if (!Enum.IsDefined(hemisphere))
        {
            throw new ArgumentOutOfRangeException(nameof(hemisphere), hemisphere, "The hemisphere must be North or South.");
        }

        return new UtmZone(number, hemisphere);
    }

    /// <summary>
    /// The standard zone of a position: the 6° band of its longitude (a longitude on a zone boundary belongs to
    /// the zone east of it), with the two exceptions of the UTM/MGRS grid that GeographicLib's <c>GeoConvert -u</c>
    /// also applies: 56–64°N, 3–12°E is zone 32 (south-west Norway), and 72–84°N uses zones 31, 33, 35, 37 only
    /// (Svalbard). The hemisphere is north for latitude ≥ 0 (the equator is north), south otherwise.
    /// </summary>
    /// <param name="position">A position with latitude in [-80, 84).</param>
    /// <returns>The zone.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The latitude is outside UTM's [-80, 84) (polar caps use UPS).</exception>
    public static UtmZone For(GeoPosition position)
    {
        var lat = position.LatitudeDegrees;
        if (lat < MinLatitudeDegrees || lat >= MaxLatitudeDegrees)
        {
            throw new ArgumentOutOfRangeException(nameof(position), lat,
                "UTM covers latitudes in [-80, 84); the polar caps use UPS, which this library does not provide.");
        }

        var lon = position.NormalizedLongitudeDegrees; // [-180, 180)
        var wholeLon = (int)Math.Floor(lon);
        var number = (int)Math.Floor((lon + 180.0) / 6.0) + 1;
        if (lat >= 56.0 && lat < 64.0 && wholeLon >= 3 && wholeLon < 12)
        {
            number = 32;
        }
        else if (lat >= 72.0 && wholeLon >= 0 && wholeLon < 42)
        {
            // Svalbard: the odd zones 31-37 are widened to 12°, centred on the former even zone boundaries.
            number = wholeLon < 9 ? 31 : wholeLon < 21 ? 33 : wholeLon < 33 ? 35 : 37;
        }

        return new UtmZone(Math.Min(number, 60), lat >= 0 ? Hemisphere.North : Hemisphere.South);
    }

    /// <summary>The zone as GeographicLib writes it, e.g. <c>38N</c>.</summary>
    /// <returns>Zone number and hemisphere letter.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}{(Hemisphere == Hemisphere.North ? 'N' : 'S')}");
}
