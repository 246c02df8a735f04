namespace GeoIncidents.Geodesy.Lines;

/// <summary>Which side of an oriented line a position lies on, looking along the line's direction.</summary>
public enum LineSide
{
    /// <summary>Right of the line: its signed distance is negative (for the shipped border lines, Azerbaijan).</summary>
    Right = -1,

    /// <summary>
    /// Neither side: the position is on the line (within <see cref="GeodesicPolyline.OnLineTolerance"/>), or exactly on
    /// the geodesic extension of an end edge beyond an open end, or the nearest part is a lone point.
    /// </summary>
    On = 0,

    /// <summary>Left of the line: its signed distance is positive (for the shipped border lines, Armenia).</summary>
    Left = 1,
}
