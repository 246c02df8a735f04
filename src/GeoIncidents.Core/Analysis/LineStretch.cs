using GeoIncidents.Core.Model;
using GeoIncidents.Geodesy.Positions;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Analysis;

/// <summary>
/// A stretch of one part of a reference line: the sub-line centred on a point of the line, extending half the requested
/// length each way measured geodesically along the line, clipped at the part's ends.
/// </summary>
/// <param name="ReferenceLineId">The line.</param>
/// <param name="PartIndex">The part of the line's MultiLineString the stretch lies on.</param>
/// <param name="Geometry">The stretch (EPSG:4326; edges are geodesics, the cut points lie on them).</param>
/// <param name="Length">Its geodesic length (less than <paramref name="RequestedLength"/> when clipped).</param>
/// <param name="RequestedLength">The length asked for.</param>
/// <param name="Centre">The point of the line the stretch is centred on.</param>
/// <param name="AnchorPlaceIds">The places the centre was found from.</param>
/// <param name="AnchorNearestPoints">Each anchor's nearest point on the part, in the order of <paramref name="AnchorPlaceIds"/>.</param>
/// <param name="Clipped">True when an end of the part cut the stretch short.</param>
public sealed record LineStretch(
    string ReferenceLineId,
    int PartIndex,
    LineString Geometry,
    Length Length,
    Length RequestedLength,
    GeoPosition Centre,
    ValueList<string> AnchorPlaceIds,
    ValueList<GeoPosition> AnchorNearestPoints,
    bool Clipped);
