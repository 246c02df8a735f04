using System.Collections.Concurrent;
using System.Globalization;
using Wgs84Ellipsoid = GeoIncidents.Geodesy.Geodesics.Ellipsoid;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace GeoIncidents.Geodesy.Projections;

/// <summary>
/// A projected coordinate reference system on WGS84 with its transforms to and from EPSG:4326: a UTM zone, a
/// local transverse Mercator centred on the data, or Web Mercator. Everything "planar" is measured in this
/// CRS's plane and says so; ground (geodesic) distances differ from plane distances by the
/// <see cref="PointScaleFactor">scale factor</see>.
/// </summary>
/// <remarks>
/// <para>Built on ProjNET 2.0 (Snyder's series for the transverse Mercator). Compared with GeographicLib and
/// PROJ: better than 1 mm within 6° of the central meridian and about 2 cm at 10°; positions farther than
/// <see cref="MaxLongitudeFromCentralMeridianDegrees"/> from it are rejected rather than answered badly.</para>
/// <para>The <see cref="Wkt"/> is standard OGC WKT 1 as GDAL writes it (for UTM and Web Mercator, the EPSG
/// definition), never ProjNET's non-standard built-in UTM text. Instances are immutable and safe to share
/// between threads.</para>
/// </remarks>
public sealed class ProjectedCrs
{
    /// <summary>
    /// How far from the central meridian a transverse Mercator accepts positions, in degrees of longitude:
    /// ProjNET's series stay within about 2 cm of the exact projection up to here and diverge beyond.
    /// </summary>
    public const double MaxLongitudeFromCentralMeridianDegrees = 10.0;

    /// <summary>The latitude limit of Web Mercator, in degrees (the square world map: atan(sinh(π))).</summary>
    public const double WebMercatorMaxLatitudeDegrees = 85.051128779806592;

    /// <summary>The WGS84 geographic CRS in OGC WKT 1, as GDAL writes EPSG:4326.</summary>
    internal const string Wgs84GeogcsWkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]]," +
        "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

    private const string MetreAndAxesWkt = "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]";

    /// <summary>EPSG:3857 in OGC WKT 1 exactly as GDAL 3.6 writes it (<c>gdalsrsinfo -o wkt1 EPSG:3857</c>).</summary>
    private const string WebMercatorWkt =
        "PROJCS[\"WGS 84 / Pseudo-Mercator\"," + Wgs84GeogcsWkt + ",PROJECTION[\"Mercator_1SP\"]," +
        "PARAMETER[\"central_meridian\",0],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",0]," +
        "PARAMETER[\"false_northing\",0]," + MetreAndAxesWkt + "," +
        "EXTENSION[\"PROJ4\",\"+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs\"]," +
        "AUTHORITY[\"EPSG\",\"3857\"]]";

    /// <summary>Step of the finite difference along the meridian used by <see cref="PointScaleFactor"/>, radians (≈ 6 m).</summary>
    private const double ScaleStepRadians = 1e-6;

    private static readonly CoordinateTransformationFactory TransformFactory = new();
    private static readonly ConcurrentDictionary<UtmZone, ProjectedCrs> UtmCache = new();
    private static readonly Lazy<ProjectedCrs> WebMercatorInstance = new(CreateWebMercator);

    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;

    private ProjectedCrs(string name, int srid, ProjectionKind kind, string wkt, CoordinateSystem projNetCrs,
        double centralMeridianDegrees, double latitudeOfOriginDegrees, double scaleOnCentralMeridian, UtmZone? zone)
    {
        Name = name;
        Srid = srid;
        Kind = kind;
        Wkt = wkt;
        CentralMeridianDegrees = centralMeridianDegrees;
        LatitudeOfOriginDegrees = latitudeOfOriginDegrees;
        ScaleOnCentralMeridian = scaleOnCentralMeridian;
        Zone = zone;
        _forward = TransformFactory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, projNetCrs).MathTransform;
        // Built once here: ProjNET's Inverse() caches lazily and Invert() mutates, so neither is called later.
        _inverse = TransformFactory.CreateFromCoordinateSystems(projNetCrs, GeographicCoordinateSystem.WGS84).MathTransform;
    }

    /// <summary>Web Mercator, EPSG:3857 (WGS 84 / Pseudo-Mercator): the plane of web maps; for display, not for measuring.</summary>
    public static ProjectedCrs WebMercator => WebMercatorInstance.Value;

    /// <summary>The CRS name, e.g. <c>WGS 84 / UTM zone 38N</c> or <c>Local transverse Mercator (lat_0=39.5, lon_0=46.2, k_0=1)</c>.</summary>
    public string Name { get; }

    /// <summary>The EPSG code used as the SRID of geometries in this CRS (32638, 3857, ...), or 0 for a local transverse Mercator, which has none.</summary>
    public int Srid { get; }

    /// <summary>Which family this CRS belongs to.</summary>
    public ProjectionKind Kind { get; }

    /// <summary>The CRS as standard OGC WKT 1 (GDAL's form), fit for GeoPackage's <c>gpkg_spatial_ref_sys</c>, GDAL or PROJ.</summary>
    public string Wkt { get; }

    /// <summary>The central meridian in degrees (0 for Web Mercator).</summary>
    public double CentralMeridianDegrees { get; }

    /// <summary>The latitude of origin (where the northing is the false northing) in degrees; 0 for UTM and Web Mercator.</summary>
    public double LatitudeOfOriginDegrees { get; }

    /// <summary>The scale factor on the central meridian: 0.9996 for UTM, 1 for a local transverse Mercator and Web Mercator (on the equator).</summary>
    public double ScaleOnCentralMeridian { get; }

    /// <summary>The UTM zone, for <see cref="ProjectionKind.Utm"/>; otherwise null.</summary>
    public UtmZone? Zone { get; }

    /// <summary>The factory that geometries in this CRS are built with (one factory per SRID).</summary>
    public GeometryFactory Factory => GeometryFactories.ForSrid(Srid);

    /// <summary>The UTM zone CRS (EPSG 326zz / 327zz), shared per zone.</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>The CRS.</returns>
    /// <exception cref="ArgumentException">The zone is the default (uninitialised) value.</exception>
    public static ProjectedCrs Utm(UtmZone zone)
    {
        if (zone.Number == 0)
        {
            throw new ArgumentException("Build the zone with UtmZone.Create or UtmZone.For.", nameof(zone));
        }

        return UtmCache.GetOrAdd(zone, CreateUtm);
    }

    /// <summary>The CRS of the standard UTM zone of a position (see <see cref="UtmZone.For"/>).</summary>
    /// <param name="position">A position with latitude in [-80, 84).</param>
    /// <returns>The CRS.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The latitude is outside UTM's [-80, 84).</exception>
    public static ProjectedCrs UtmFor(GeoPosition position) => Utm(UtmZone.For(position));

    /// <summary>
    /// A transverse Mercator centred on a position: central meridian at its longitude, latitude of origin at its
    /// latitude, scale 1 on the central meridian, no false easting or northing (the centre is (0, 0)).
    /// </summary>
    /// <param name="center">The centre; its latitude must lie in [-89, 89].</param>
    /// <returns>A CRS with SRID 0 (it has no EPSG code; geometries in it are transient).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The centre is within 1° of a pole.</exception>
    public static ProjectedCrs LocalTransverseMercator(GeoPosition center)
    {
        if (Math.Abs(center.LatitudeDegrees) > 89.0)
        {
            throw new ArgumentOutOfRangeException(nameof(center), center.LatitudeDegrees, "A local transverse Mercator needs a centre with latitude in [-89, 89].");
        }

        var lon0 = center.NormalizedLongitudeDegrees;
        var lat0 = center.LatitudeDegrees;
        var name = string.Create(CultureInfo.InvariantCulture, $"Local transverse Mercator (lat_0={lat0:R}, lon_0={lon0:R}, k_0=1)");
        var wkt = TransverseMercatorWkt(name, lat0, lon0, 1.0, 0.0, 0.0, authorityCode: null);
        return new ProjectedCrs(name, 0, ProjectionKind.LocalTransverseMercator, wkt, ParseWkt(wkt), lon0, lat0, 1.0, zone: null);
    }

    /// <summary>
    /// A transverse Mercator centred on the middle of a WGS84 envelope (see <see cref="LocalTransverseMercator(GeoPosition)"/>);
    /// the scale stays below 1 + x²/(2R²) at x metres east or west of the centre.
    /// </summary>
    /// <param name="wgs84Envelope">An envelope in EPSG:4326 degrees (X = longitude in [-180, 180], Y = latitude in [-89, 89]), not null or empty.</param>
    /// <returns>A CRS with SRID 0.</returns>
    /// <exception cref="ArgumentNullException">The envelope is null.</exception>
    /// <exception cref="ArgumentException">The envelope is empty or outside those ranges.</exception>
    public static ProjectedCrs LocalTransverseMercator(Envelope wgs84Envelope)
    {
        ArgumentNullException.ThrowIfNull(wgs84Envelope);
        if (wgs84Envelope.IsNull)
        {
            throw new ArgumentException("The envelope is empty.", nameof(wgs84Envelope));
        }

        if (wgs84Envelope.MinX < -180.0 || wgs84Envelope.MaxX > 180.0 || wgs84Envelope.MinY < -89.0 || wgs84Envelope.MaxY > 89.0)
        {
            throw new ArgumentException($"The envelope {wgs84Envelope} is not in EPSG:4326 degrees with longitude in [-180, 180] and latitude in [-89, 89].", nameof(wgs84Envelope));
        }

        return LocalTransverseMercator(GeoPosition.FromLonLat(wgs84Envelope.Centre.X, wgs84Envelope.Centre.Y));
    }

    /// <summary>Projects a WGS84 position into this CRS's plane.</summary>
    /// <param name="position">The position (its longitude is reduced to [-180, 180) first).</param>
    /// <returns>Easting and northing in metres of the plane.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside this CRS's domain: more than
    /// <see cref="MaxLongitudeFromCentralMeridianDegrees"/> from the central meridian of a transverse Mercator, or
    /// beyond ±<see cref="WebMercatorMaxLatitudeDegrees"/> for Web Mercator.</exception>
    public ProjectedPosition FromWgs84(GeoPosition position)
    {
        var lon = InDomainLongitude(position.LongitudeDegrees, position.LatitudeDegrees, nameof(position));
        var (x, y) = _forward.Transform(lon, position.LatitudeDegrees);
        return ProjectedPosition.FromEastingNorthing(x, y);
    }

    /// <summary>Converts a position of this CRS's plane back to WGS84.</summary>
    /// <param name="position">Easting and northing in metres of this plane.</param>
    /// <returns>The position, longitude in [-180, 180).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The position has no finite inverse here (far outside the projection's domain).</exception>
    public GeoPosition ToWgs84(ProjectedPosition position)
    {
        var (lon, lat) = _inverse.Transform(position.EastingMeters, position.NorthingMeters);
        if (!double.IsFinite(lon) || !double.IsFinite(lat) || lat < -90.0 || lat > 90.0)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"The position is outside the domain of {Name}.");
        }

        return GeoPosition.FromLatLon(lat, Angle.NormalizeDegrees(lon));
    }

    /// <summary>
    /// Projects a WGS84 geometry (points, lines, polygons with holes, multi-geometries, collections) into this
    /// CRS. The source is not changed: the result is a copy built by <see cref="Factory"/> (SRID <see cref="Srid"/>).
    /// </summary>
    /// <param name="wgs84Geometry">A geometry with SRID 4326, X = longitude in [-180, 180], Y = latitude in [-90, 90].</param>
    /// <returns>The projected copy.</returns>
    /// <exception cref="ArgumentNullException">The geometry is null.</exception>
    /// <exception cref="ArgumentException">The SRID is not 4326, or a coordinate is outside EPSG:4326's ranges or this CRS's domain (see <see cref="FromWgs84(GeoPosition)"/>).</exception>
    public Geometry FromWgs84(Geometry wgs84Geometry)
    {
        ArgumentNullException.ThrowIfNull(wgs84Geometry);
        if (wgs84Geometry.SRID != GeometryFactories.Wgs84Srid)
        {
            throw new ArgumentException($"The geometry has SRID {wgs84Geometry.SRID}; projecting into {Name} needs EPSG:4326 (SRID 4326).", nameof(wgs84Geometry));
        }

        return MathTransformFilter.Transform(wgs84Geometry, Factory, (lon, lat) =>
        {
            if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon < -180.0 || lon > 180.0 || lat < -90.0 || lat > 90.0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The coordinate ({lon}, {lat}) is not EPSG:4326 (X = longitude in [-180, 180], Y = latitude in [-90, 90])."), nameof(wgs84Geometry));
            }

            return _forward.Transform(InDomainLongitude(lon, lat, nameof(wgs84Geometry)), lat);
        });
    }

    /// <summary>
    /// Converts a geometry of this CRS back to WGS84 (SRID 4326, built by <see cref="GeometryFactories.Wgs84"/>).
    /// The source is not changed. Longitudes come back in [-180, 180).
    /// </summary>
    /// <param name="projectedGeometry">A geometry whose SRID is <see cref="Srid"/>, coordinates in metres of this plane.</param>
    /// <returns>The WGS84 copy.</returns>
    /// <exception cref="ArgumentNullException">The geometry is null.</exception>
    /// <exception cref="ArgumentException">The SRID differs from <see cref="Srid"/>, or a coordinate has no finite inverse.</exception>
    public Geometry ToWgs84(Geometry projectedGeometry)
    {
        ArgumentNullException.ThrowIfNull(projectedGeometry);
        if (projectedGeometry.SRID != Srid)
        {
            throw new ArgumentException($"The geometry has SRID {projectedGeometry.SRID}, not {Srid} ({Name}).", nameof(projectedGeometry));
        }

        return MathTransformFilter.Transform(projectedGeometry, GeometryFactories.Wgs84, (x, y) =>
        {
            var (lon, lat) = _inverse.Transform(x, y);
            if (!double.IsFinite(lon) || !double.IsFinite(lat) || lat < -90.0 || lat > 90.0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The coordinate ({x}, {y}) is outside the domain of {Name}."), nameof(projectedGeometry));
            }

            return (Angle.NormalizeDegrees(lon), lat);
        });
    }

    /// <summary>
    /// The point scale factor k of a transverse Mercator (UTM or local) at a position: plane length over ground
    /// length for a short step in any direction (the projection is conformal). For UTM it is 0.9996 on the central
    /// meridian; for a local transverse Mercator about 1 + x²/(2R²) at x metres from it.
    /// </summary>
    /// <param name="position">A position in the domain (see <see cref="FromWgs84(GeoPosition)"/>), latitude in [-89.9, 89.9].</param>
    /// <returns>The dimensionless scale factor; accurate to about 1e-9.</returns>
    /// <exception cref="InvalidOperationException">This is Web Mercator, which is not conformal on the ellipsoid (its scale depends on direction).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the domain or within 0.1° of a pole.</exception>
    public double PointScaleFactor(GeoPosition position)
    {
        if (Kind == ProjectionKind.WebMercator)
        {
            throw new InvalidOperationException("Web Mercator is not conformal on the WGS84 ellipsoid: it has no single point scale factor.");
        }

        if (Math.Abs(position.LatitudeDegrees) > 89.9)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position.LatitudeDegrees, "The scale factor is computed for latitudes in [-89.9, 89.9].");
        }

        // Conformal: k is the same in every direction, so take it along the meridian, whose ground length
        // element is the meridional radius of curvature times dφ (a closed form, no geodesic needed).
        var lon = InDomainLongitude(position.LongitudeDegrees, position.LatitudeDegrees, nameof(position));
        var phi = position.LatitudeDegrees * (Math.PI / 180.0);
        var (x1, y1) = _forward.Transform(lon, (phi - ScaleStepRadians) * (180.0 / Math.PI));
        var (x2, y2) = _forward.Transform(lon, (phi + ScaleStepRadians) * (180.0 / Math.PI));
        var plane = Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1)));
        return plane / (MeridionalRadiusMeters(phi) * 2.0 * ScaleStepRadians);
    }

    /// <summary>
    /// The straight-line distance between two positions of this CRS's plane (grid distance). It is a ground
    /// distance only up to the scale factor: for ground distances use geodesic methods.
    /// </summary>
    /// <param name="a">A position in this plane.</param>
    /// <param name="b">Another position in this plane.</param>
    /// <returns>The planar (grid) distance, in metres of this plane.</returns>
    public static Length PlanarDistance(ProjectedPosition a, ProjectedPosition b) => Length.FromMeters(
        Math.Sqrt(Math.Pow(b.EastingMeters - a.EastingMeters, 2) + Math.Pow(b.NorthingMeters - a.NorthingMeters, 2)));

    /// <inheritdoc />
    public override string ToString() => Srid == 0 ? Name : string.Create(CultureInfo.InvariantCulture, $"{Name} (EPSG:{Srid})");

    /// <summary>Forward transform without validation, for hot loops that validated their input already.</summary>
    internal (double X, double Y) ForwardUnchecked(double lonDegrees, double latDegrees) => _forward.Transform(lonDegrees, latDegrees);

    /// <summary>Inverse transform without validation (longitude not normalised).</summary>
    internal (double Lon, double Lat) InverseUnchecked(double x, double y) => _inverse.Transform(x, y);

    private double InDomainLongitude(double lonDegrees, double latDegrees, string parameterName)
    {
        if (Kind == ProjectionKind.WebMercator)
        {
            if (Math.Abs(latDegrees) > WebMercatorMaxLatitudeDegrees)
            {
                throw new ArgumentOutOfRangeException(parameterName, latDegrees,
                    "Web Mercator covers latitudes in [-85.051128779806592, 85.051128779806592].");
            }

            return Angle.NormalizeDegrees(lonDegrees);
        }

        var fromCentralMeridian = Angle.NormalizeDegrees(lonDegrees - CentralMeridianDegrees);
        if (Math.Abs(fromCentralMeridian) > MaxLongitudeFromCentralMeridianDegrees)
        {
            throw new ArgumentOutOfRangeException(parameterName, lonDegrees, string.Create(CultureInfo.InvariantCulture,
                $"Longitude {lonDegrees}° is {Math.Abs(fromCentralMeridian):0.###}° from the central meridian of {Name}; a transverse Mercator here accepts at most {MaxLongitudeFromCentralMeridianDegrees}°."));
        }

        return CentralMeridianDegrees + fromCentralMeridian;
    }

    private static double MeridionalRadiusMeters(double phiRadians)
    {
        var a = Wgs84Ellipsoid.Wgs84.EquatorialRadiusMeters;
        var f = Wgs84Ellipsoid.Wgs84.Flattening;
        var e2 = f * (2 - f);
        var s = Math.Sin(phiRadians);
        return a * (1 - e2) / Math.Pow(1 - (e2 * s * s), 1.5);
    }

    private static ProjectedCrs CreateUtm(UtmZone zone)
    {
        var north = zone.Hemisphere == Hemisphere.North;
        var name = string.Create(CultureInfo.InvariantCulture, $"WGS 84 / UTM zone {zone}");
        var wkt = TransverseMercatorWkt(name, 0.0, zone.CentralMeridianDegrees, 0.9996, 500000.0, north ? 0.0 : 10000000.0, zone.EpsgCode);
        return new ProjectedCrs(name, zone.EpsgCode, ProjectionKind.Utm, wkt, ParseWkt(wkt), zone.CentralMeridianDegrees, 0.0, 0.9996, zone);
    }

    private static ProjectedCrs CreateWebMercator() =>
        // ProjNET reads EPSG:3857's standard WKT ("Mercator_1SP" on the WGS84 ellipsoid) as the ellipsoidal
        // Mercator of EPSG:3395, so the transform uses ProjNET's own pseudo-Mercator and only the text is EPSG's.
        new("WGS 84 / Pseudo-Mercator", GeometryFactories.WebMercatorSrid, ProjectionKind.WebMercator, WebMercatorWkt,
            ProjNet.CoordinateSystems.ProjectedCoordinateSystem.WebMercator, 0.0, 0.0, 1.0, zone: null);

    private static string TransverseMercatorWkt(string name, double lat0, double lon0, double k0, double falseEasting, double falseNorthing, int? authorityCode)
    {
        var authority = authorityCode is { } code ? string.Create(CultureInfo.InvariantCulture, $",AUTHORITY[\"EPSG\",\"{code}\"]") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"PROJCS[\"{name}\",{Wgs84GeogcsWkt},PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",{lat0:R}]," +
            $"PARAMETER[\"central_meridian\",{lon0:R}],PARAMETER[\"scale_factor\",{k0:R}],PARAMETER[\"false_easting\",{falseEasting:R}]," +
            $"PARAMETER[\"false_northing\",{falseNorthing:R}],{MetreAndAxesWkt}{authority}]");
    }

    private static CoordinateSystem ParseWkt(string wkt) => new CoordinateSystemFactory().CreateFromWkt(wkt);
}
