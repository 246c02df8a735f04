using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Spatial;

/// <summary>
/// Computes the <c>admin1</c> of incidents (DESIGN.md, data model: "admin1 (computed)"): the first-level unit
/// (province, district or city region) that contains the incident's location. Immutable and thread-safe; built once
/// per import or seeding, then 30–75 ns per point (PointInAreaIndex over the shipped units: 13.5–33 M points/s on one
/// core, bench/README.md).
/// </summary>
/// <remarks>
/// <para>The representative position of a location is the point itself, or for any other geometry its interior point
/// (a point inside a polygon, on a line, or the member of a multipoint nearest its centre: a topological choice on
/// longitude/latitude, no metric claim).</para>
/// <para>A record that states its own <c>admin1</c> keeps it: ACLED and other sources assign events with their own
/// boundaries, and their value is part of the record (the validator already flags a location far outside the unit it
/// names, <see cref="Validation.ValidationCodes.FarOutsideRegion"/>). Only an incident with a location and no stated unit is given one;
/// a location in no unit of the store (e.g. outside the regions loaded) leaves it empty.</para>
/// <para>The outlines' accuracy limits the answer near an internal boundary (see <see cref="PointInRegionIndex"/>);
/// the measured position of an incident relative to the border is the business of the Locate analysis, not of this
/// label.</para>
/// </remarks>
public sealed class Admin1Assigner
{
    private readonly PointInRegionIndex _units;

    /// <summary>Builds the assigner over the first-level units among <paramref name="regions"/>.</summary>
    /// <param name="regions">All regions (countries are ignored).</param>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> is null.</exception>
    /// <exception cref="ArgumentException">Two first-level units share an id.</exception>
    public Admin1Assigner(IEnumerable<Region> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        _units = PointInRegionIndex.FirstLevel(regions);
    }

    /// <summary>The first-level unit containing a location's representative position.</summary>
    /// <param name="location">A geometry in longitude/latitude (EPSG:4326), or null.</param>
    /// <returns>The unit, or null when the location is null, empty, or in no unit.</returns>
    public Region? UnitOf(Geometry? location)
    {
        if (location is null || location.IsEmpty)
        {
            return null;
        }

        var point = location as Point ?? location.InteriorPoint;
        if (point is null || point.IsEmpty || !double.IsFinite(point.X) || !double.IsFinite(point.Y) || Math.Abs(point.Y) > 90)
        {
            return null;
        }

        return _units.Find(GeoPosition.FromLonLat(point.X, point.Y));
    }

    /// <summary>The incident with its computed <c>admin1</c> when it has a location and states none; otherwise itself.</summary>
    /// <param name="incident">The incident.</param>
    /// <returns>The same instance when nothing changes, else a copy with <see cref="Incident.Admin1"/> set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public Incident Assign(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Admin1 is not null || UnitOf(incident.Geometry) is not { } unit)
        {
            return incident;
        }

        return incident.WithAdmin1(unit.Id);
    }
}
