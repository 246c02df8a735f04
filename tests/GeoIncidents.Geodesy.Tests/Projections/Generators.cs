using FsCheck;
using FsCheck.Fluent;
using GeoIncidents.Geodesy.Positions;

namespace GeoIncidents.Geodesy.Tests.Projections;

/// <summary>FsCheck generators of positions (uniform in degrees on a 1e-6° grid).</summary>
internal static class Generators
{
    /// <summary>A double uniform in [min, max] on a grid of (max − min)/2e6.</summary>
    public static Gen<double> Uniform(double min, double max) =>
        Gen.Choose(0, 2_000_000).Select(i => min + ((max - min) * i / 2_000_000.0));

    /// <summary>Positions where UTM is defined: latitude in [-80, 84), longitude in [-180, 180).</summary>
    public static Gen<GeoPosition> UtmPositions { get; } =
        Uniform(-80.0, 83.999999).SelectMany(lat => Uniform(-180.0, 179.999999).Select(lon => GeoPosition.FromLatLon(lat, lon)));

    /// <summary>A centre (latitude within ±75°) and a position up to 6° of longitude and 8° of latitude from it.</summary>
    public static Gen<(GeoPosition Center, GeoPosition Position)> CenterAndNearby { get; } =
        Uniform(-75.0, 75.0).SelectMany(lat0 => Uniform(-180.0, 180.0).SelectMany(lon0 =>
            Uniform(-8.0, 8.0).SelectMany(dlat => Uniform(-6.0, 6.0).Select(dlon =>
                (GeoPosition.FromLatLon(lat0, lon0), GeoPosition.FromLatLon(Math.Clamp(lat0 + dlat, -85.0, 85.0), lon0 + dlon))))));

    /// <summary>Positions inside Web Mercator's square world.</summary>
    public static Gen<GeoPosition> WebMercatorPositions { get; } =
        Uniform(-85.05, 85.05).SelectMany(lat => Uniform(-180.0, 179.999999).Select(lon => GeoPosition.FromLatLon(lat, lon)));
}
