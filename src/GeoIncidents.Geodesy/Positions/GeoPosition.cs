using System.Globalization;

namespace GeoIncidents.Geodesy.Positions;

/// <summary>
/// A position on the WGS84 ellipsoid given by geodetic latitude and longitude in degrees.
/// Build it with <see cref="FromLatLon"/> or <see cref="FromLonLat"/>: the order is in the name.
/// </summary>
/// <remarks>Latitude lies in [-90, 90]; longitude in [-540, 540] (as GeographicLib accepts) and is
/// kept as given; <see cref="NormalizedLongitudeDegrees"/> gives it in [-180, 180).</remarks>
public readonly record struct GeoPosition
{
    private GeoPosition(double latitudeDegrees, double longitudeDegrees)
    {
        LatitudeDegrees = latitudeDegrees;
        LongitudeDegrees = longitudeDegrees;
    }

    /// <summary>Geodetic latitude in degrees, [-90, 90].</summary>
    public double LatitudeDegrees { get; }

    /// <summary>Longitude in degrees as given, [-540, 540].</summary>
    public double LongitudeDegrees { get; }

    /// <summary>Longitude reduced to [-180, 180) degrees.</summary>
    public double NormalizedLongitudeDegrees => Units.Angle.NormalizeDegrees(LongitudeDegrees);

    /// <summary>Creates a position from latitude then longitude, in degrees.</summary>
    /// <param name="latitudeDegrees">Latitude in [-90, 90].</param>
    /// <param name="longitudeDegrees">Longitude in [-540, 540].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or out of its range.</exception>
    public static GeoPosition FromLatLon(double latitudeDegrees, double longitudeDegrees)
    {
        if (!double.IsFinite(latitudeDegrees) || latitudeDegrees < -90.0 || latitudeDegrees > 90.0)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "Latitude must be a finite number of degrees in [-90, 90].");
        }

        if (!double.IsFinite(longitudeDegrees) || longitudeDegrees < -540.0 || longitudeDegrees > 540.0)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "Longitude must be a finite number of degrees in [-540, 540].");
        }

        return new GeoPosition(latitudeDegrees, longitudeDegrees);
    }

    /// <summary>Creates a position from longitude then latitude (GeoJSON and NTS order), in degrees.</summary>
    /// <param name="longitudeDegrees">Longitude in [-540, 540].</param>
    /// <param name="latitudeDegrees">Latitude in [-90, 90].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or out of its range.</exception>
    public static GeoPosition FromLonLat(double longitudeDegrees, double latitudeDegrees) => FromLatLon(latitudeDegrees, longitudeDegrees);

    /// <summary>
    /// Parses a position written latitude first, <c>39.51,46.34</c> (comma or whitespace separated), or with
    /// hemisphere letters in either order: <c>39.51N,46.34E</c> or <c>46.34E 39.51N</c>.
    /// </summary>
    /// <param name="text">The text to parse (invariant culture).</param>
    /// <param name="position">The position when the method returns true.</param>
    /// <param name="error">What is wrong when the method returns false.</param>
    /// <returns>True when the text is a valid position.</returns>
    public static bool TryParseLatLon(string? text, out GeoPosition position, out string? error)
    {
        position = default;
        var parts = (text ?? string.Empty).Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            error = $"'{text}' is not a position: expected LAT,LON (e.g. 39.51,46.34 or 39.51N,46.34E)";
            return false;
        }

        if (!TryParseCoordinate(parts[0], out var v0, out var h0) || !TryParseCoordinate(parts[1], out var v1, out var h1))
        {
            error = $"'{text}' is not a position: expected two numbers, LAT,LON (e.g. 39.51,46.34 or 39.51N,46.34E)";
            return false;
        }

        double lat, lon;
        if (h0 == Hemisphere.None && h1 == Hemisphere.None)
        {
            (lat, lon) = (v0, v1);
        }
        else if (h0 == Hemisphere.None || h1 == Hemisphere.None)
        {
            error = $"'{text}': give hemisphere letters on both numbers or on neither";
            return false;
        }
        else if (IsLatitude(h0) && !IsLatitude(h1))
        {
            (lat, lon) = (v0, v1);
        }
        else if (!IsLatitude(h0) && IsLatitude(h1))
        {
            (lat, lon) = (v1, v0);
        }
        else
        {
            error = $"'{text}': one number must carry N/S and the other E/W";
            return false;
        }

        if (lat < -90.0 || lat > 90.0)
        {
            error = $"latitude {lat.ToString(CultureInfo.InvariantCulture)} is outside [-90, 90] (positions are LAT,LON, latitude first)";
            return false;
        }

        if (lon < -540.0 || lon > 540.0)
        {
            error = $"longitude {lon.ToString(CultureInfo.InvariantCulture)} is outside [-540, 540]";
            return false;
        }

        position = new GeoPosition(lat, lon);
        error = null;
        return true;
    }

    private enum Hemisphere
    {
        None,
        North,
        South,
        East,
        West,
    }

    private static bool IsLatitude(Hemisphere h) => h is Hemisphere.North or Hemisphere.South;

    private static bool TryParseCoordinate(string s, out double value, out Hemisphere hemisphere)
    {
        hemisphere = Hemisphere.None;
        var sign = 1.0;
        if (s.Length > 1)
        {
            switch (char.ToUpperInvariant(s[^1]))
            {
                case 'N': hemisphere = Hemisphere.North; break;
                case 'S': hemisphere = Hemisphere.South; sign = -1.0; break;
                case 'E': hemisphere = Hemisphere.East; break;
                case 'W': hemisphere = Hemisphere.West; sign = -1.0; break;
            }

            if (hemisphere != Hemisphere.None)
            {
                s = s[..^1];
            }
        }

        var ok = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        if (ok && hemisphere != Hemisphere.None && value < 0)
        {
            return false; // "-39N" is ambiguous
        }

        value *= sign;
        return ok;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{LatitudeDegrees:0.######},{LongitudeDegrees:0.######} (lat,lon)");
}
