namespace GeoIncidents.Geodesy.Projections;

/// <summary>Which family a <see cref="ProjectedCrs"/> belongs to, which says what its plane is good for.</summary>
public enum ProjectionKind
{
    /// <summary>
    /// Universal Transverse Mercator on WGS84 (EPSG 326zz / 327zz): conformal, scale 0.9996 on the central
    /// meridian, about 1.0010 at the zone edges (±3° of longitude). Good for metric work inside one zone.
    /// </summary>
    Utm,

    /// <summary>
    /// A transverse Mercator on WGS84 centred on the data (central meridian and latitude of origin at a chosen
    /// centre, scale 1 on the central meridian, no false easting or northing). Conformal; the scale is about
    /// 1 + x²/(2R²) at x metres from the central meridian (1.00003 at 50 km, 1.0008 at 250 km). No EPSG code.
    /// </summary>
    LocalTransverseMercator,

    /// <summary>
    /// WGS 84 / Pseudo-Mercator (EPSG:3857), the web-map plane: spherical Mercator formulas applied to WGS84
    /// coordinates. For display only: its scale is about 1/cos(latitude) (1.3 at 40°N) and it is not conformal on
    /// the ellipsoid, so its metres are not ground metres.
    /// </summary>
    WebMercator,
}
