using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Geodesics;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>The part of a path inside one country.</summary>
/// <param name="CountryId">The country (alpha-2).</param>
/// <param name="CountryName">Its English name.</param>
/// <param name="Geometry">The part of the path inside its outline (EPSG:4326 MultiLineString).</param>
/// <param name="Length">The geodesic length of that part.</param>
public sealed record PathInCountry(string CountryId, string CountryName, MultiLineString Geometry, Length Length);

/// <summary>
/// <c>Displace(origin, azimuth, distance)</c>: where a geodesic movement ends, its path, the countries it passes
/// through and, with the reference lines, where the destination lies relative to each.
/// </summary>
/// <param name="Origin">The start.</param>
/// <param name="OriginRadius">The origin's uncertainty radius, or null.</param>
/// <param name="Azimuth">The initial azimuth, clockwise from north, in [-180, 180).</param>
/// <param name="Distance">The distance moved along the geodesic, greater than 0 m.</param>
/// <param name="Destination">The end of the geodesic.</param>
/// <param name="FinalAzimuth">The forward azimuth at the destination, in [-180, 180).</param>
/// <param name="Path">The geodesic from origin to destination, densified (a LineString, or a MultiLineString split at the antimeridian).</param>
/// <param name="OriginCountryId">The country containing the origin, or null.</param>
/// <param name="DestinationLocation">Locate of the destination: country, province and its place relative to every reference line.</param>
/// <param name="OtherCountries">The parts of the path inside countries other than the origin's, each with its geodesic length.</param>
/// <param name="Receipt">Method, datasets, uncertainty (the origin's radius: the movement carries it to the destination).</param>
public sealed record DisplaceResult(
    GeoPosition Origin,
    Length? OriginRadius,
    Angle Azimuth,
    Length Distance,
    GeoPosition Destination,
    Angle FinalAzimuth,
    Geometry Path,
    string? OriginCountryId,
    LocateResult DestinationLocation,
    ValueList<PathInCountry> OtherCountries,
    MeasurementReceipt Receipt);

/// <summary>
/// The geodesic direct problem applied to a claim: "moved <c>distance</c> on bearing <c>azimuth</c> from
/// <c>origin</c>" (see <see cref="Displace"/>).
/// </summary>
public static class DisplaceAnalysis
{
    /// <summary>The method text written on the receipt.</summary>
    public const string MethodText =
        "geodesic direct problem (Karney 2013, WGS84); path densified along the geodesic; the parts inside other countries by topological "
        + "intersection with the country outlines, their lengths geodesic";

    /// <summary>The longest step between the path's vertices: 100 m, or a thousandth of the distance when that is longer.</summary>
    public static readonly Length PathStep = Length.FromMeters(100);

    /// <summary>
    /// Where a geodesic movement from <paramref name="origin"/> ends, with its path, the countries it passes through
    /// and where the destination lies relative to the reference lines (a <see cref="LocateAnalysis.Locate"/> of it).
    /// </summary>
    /// <param name="data">The records.</param>
    /// <param name="origin">The start (any latitude, poles included).</param>
    /// <param name="azimuth">The initial azimuth, clockwise from north (any finite value; it is reduced).</param>
    /// <param name="distance">Greater than 0 m and at most <see cref="Displacement.MaxDistanceMeters"/>.</param>
    /// <param name="originRadius">The origin's uncertainty radius (0 m or more), or null.</param>
    /// <param name="referenceLineId">Locate the destination against this line only, or null for all.</param>
    /// <returns>The result with its receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="AnalysisException">The distance or radius is out of range (<c>out-of-domain</c>), or the line is unknown.</exception>
    public static DisplaceResult Displace(AnalysisData data, GeoPosition origin, Angle azimuth, Length distance, Length? originRadius = null, string? referenceLineId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(distance.Meters > 0) || distance.Meters > Displacement.MaxDistanceMeters)
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"a displacement distance must be greater than 0 m and at most 20,000 km (is {distance})");
        }

        if (!double.IsFinite(azimuth.Degrees))
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, "an azimuth must be a finite number of degrees");
        }

        if (originRadius is { } r && !(r.Meters >= 0))
        {
            throw new AnalysisException(AnalysisException.OutOfDomainCode, $"an origin radius must be 0 m or more (is {r})");
        }

        var az = azimuth.Normalized();
        var direct = Geodesic.Wgs84.Direct(origin, az, distance);
        var step = Length.FromMeters(Math.Max(PathStep.Meters, distance.Meters / 1000));
        var positions = Geodesic.Wgs84.Line(origin, az).Densify(distance, step);
        var path = GeodesicGeometry.PathGeometry(positions);

        var originCountry = data.CountryAt(origin);
        var others = new List<PathInCountry>();
        foreach (var country in data.Countries.Where(c => c.Id != originCountry?.Id))
        {
            if (!country.Geometry.EnvelopeInternal.Intersects(path.EnvelopeInternal))
            {
                continue;
            }

            var inside = GeodesicGeometry.Linear(GeodesicGeometry.Intersection(path, country.Geometry));
            if (!inside.IsEmpty)
            {
                others.Add(new PathInCountry(country.Id, country.Name, inside, GeodesicGeometry.LineLength(inside)));
            }
        }

        var destination = LocateAnalysis.Locate(data, direct.Destination, originRadius, referenceLineId);
        var datasets = new List<DatasetUse>();
        if (originCountry is not null)
        {
            datasets.Add(DatasetUse.Of(originCountry));
        }

        datasets.AddRange(others.Select(o => DatasetUse.Of(data.Region(o.CountryId))));
        var notes = new List<string>();
        if (originCountry is null)
        {
            notes.Add("The origin lies in none of the shipped countries (at sea, or beyond the shipped outlines): every country the path meets is listed.");
        }

        if (others.Count > 0)
        {
            notes.Add("The lengths inside other countries are measured against the Natural Earth outlines (p95 5 km assumed, 2.9 km where Armenia and Azerbaijan meet): see destination_location for the reference lines.");
        }

        var receipt = MeasurementReceipt.Create(
            MethodText,
            datasets,
            uncertainty: originRadius ?? Length.Zero,
            uncertaintyBasis: originRadius is null
                ? "exact for the given origin, azimuth and distance (the geodesic is computed to 15 nm)"
                : "the origin's radius: the movement carries the origin's uncertainty to the destination unchanged",
            notes: notes);
        return new DisplaceResult(origin, originRadius, az, distance, direct.Destination, direct.FinalAzimuth, path, originCountry?.Id, destination, ValueList.From(others), receipt);
    }
}
