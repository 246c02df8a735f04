namespace GeoIncidents.Storage.GeoPackage;

/// <summary>
/// Morton (Z-order) keys of lon/lat positions: 16 bits per axis over the whole globe, interleaved. Nearby positions
/// mostly get nearby keys, so filling an R-tree in key order builds it region by region with its node pages hot
/// (bulk loads of the spatial index after large inserts).
/// </summary>
public static class MortonKeys
{
    /// <summary>The key of a position.</summary>
    /// <param name="longitudeDegrees">Longitude, -180 to 180 (clamped).</param>
    /// <param name="latitudeDegrees">Latitude, -90 to 90 (clamped).</param>
    /// <returns>A 32-bit key in a long.</returns>
    public static long Of(double longitudeDegrees, double latitudeDegrees)
    {
        var x = (uint)Math.Clamp((longitudeDegrees + 180) / 360 * 65535, 0, 65535);
        var y = (uint)Math.Clamp((latitudeDegrees + 90) / 180 * 65535, 0, 65535);
        return Spread(x) | (Spread(y) << 1);
    }

    private static long Spread(uint v)
    {
        ulong b = v;
        b = (b | (b << 8)) & 0x00FF00FF;
        b = (b | (b << 4)) & 0x0F0F0F0F;
        b = (b | (b << 2)) & 0x33333333;
        b = (b | (b << 1)) & 0x55555555;
        return (long)b;
    }
}
