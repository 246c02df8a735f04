namespace GeoIncidents.Geodesy.Projections;

/// <summary>The hemisphere of a UTM zone: north (latitude ≥ 0, EPSG 326zz) or south (latitude &lt; 0, EPSG 327zz).</summary>
public enum Hemisphere
{
    /// <summary>The northern hemisphere, false northing 0 m.</summary>
    North,

    /// <summary>The southern hemisphere, false northing 10 000 000 m.</summary>
    South,
}
