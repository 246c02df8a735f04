using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Units;

namespace GeoIncidents.Core.Model;

/// <summary>
/// The parameters from which an area claim's geometry is derived (method <c>border-band</c>): the part of region
/// <see cref="RegionId"/> within <see cref="Depth"/> of a reference line, kept along a stretch of that line
/// <see cref="StretchLength"/> long nearest the anchor places. The claim stores these parameters, not the geometry, so
/// the area can be re-derived when they (or the lines) change. The analyses execute it; this record only states it.
/// </summary>
/// <remarks>
/// <para>Semantics the analyses implement: for each line in <see cref="ReferenceLineIds"/>, take the stretch of the
/// line, measured along it geodesically, of length <see cref="StretchLength"/>, centred on the mean along-line position
/// of the anchors' nearest points on the line (so two anchors closer together than the stretch both lie within it);
/// the area is the part of the region within <see cref="Depth"/> (geodesic) of that stretch. The first line builds the
/// claim's geometry; each further line gets its own area for comparison. With no stretch length, the whole line is used.</para>
/// </remarks>
public sealed record BorderBandDerivation
{
    /// <summary>The method name in GeoJSON (<c>derivation.method</c>).</summary>
    public const string Method = "border-band";

    private BorderBandDerivation(string regionId, Length depth, ValueList<string> referenceLineIds, Length? stretchLength, ValueList<string> anchorPlaceIds, string? note)
    {
        RegionId = regionId;
        Depth = depth;
        ReferenceLineIds = referenceLineIds;
        StretchLength = stretchLength;
        AnchorPlaceIds = anchorPlaceIds;
        Note = note;
    }

    /// <summary>The region the area lies in (ISO 3166-2, e.g. <c>AM-SU</c>). GeoJSON <c>region</c>.</summary>
    public string RegionId { get; }

    /// <summary>The band's depth from the line, greater than 0 m. GeoJSON <c>depth_m</c>.</summary>
    public Length Depth { get; }

    /// <summary>The reference lines, at least one; the first builds the geometry. GeoJSON <c>reference_lines</c>.</summary>
    public ValueList<string> ReferenceLineIds { get; }

    /// <summary>The length of line kept, greater than 0 m, or null for the whole line. GeoJSON <c>stretch_length_m</c>.</summary>
    public Length? StretchLength { get; }

    /// <summary>The places the stretch is centred on (required with a stretch length). GeoJSON <c>anchor_places</c>.</summary>
    public ValueList<string> AnchorPlaceIds { get; }

    /// <summary>Why these parameters (which source says what), at most 2,000 characters. GeoJSON <c>note</c>.</summary>
    public string? Note { get; }

    /// <summary>Creates the parameters.</summary>
    /// <param name="regionId">The region id.</param>
    /// <param name="depth">Greater than 0 m, at most 1,000 km.</param>
    /// <param name="referenceLineIds">At least one reference line id.</param>
    /// <param name="stretchLength">Greater than 0 m, or null for the whole line.</param>
    /// <param name="anchorPlaceIds">Place ids; at least one when <paramref name="stretchLength"/> is given.</param>
    /// <param name="note">An optional explanation.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="RecordValidationException">A value is missing or out of range; the issues name the fields.</exception>
    public static BorderBandDerivation Create(
        string regionId,
        Length depth,
        IEnumerable<string> referenceLineIds,
        Length? stretchLength = null,
        IEnumerable<string>? anchorPlaceIds = null,
        string? note = null)
    {
        var issues = new IssueCollector();
        var region = issues.Id("region", regionId);
        issues.Positive("depth_m", depth, "a band depth");
        if (depth.Meters > 1_000_000)
        {
            issues.Error(ValidationCodes.OutOfRange, "depth_m", "a band depth must be at most 1,000 km");
        }

        var lines = issues.Ids("reference_lines", referenceLineIds, atLeastOne: true);
        if (stretchLength is { } s)
        {
            issues.Positive("stretch_length_m", s, "a stretch length");
        }

        var anchors = issues.Ids("anchor_places", anchorPlaceIds);
        if (stretchLength is not null && anchors.Count == 0)
        {
            issues.Error(ValidationCodes.Required, "anchor_places", "a stretch length needs at least one anchor place to centre the stretch on");
        }

        var text = issues.OptionalText("note", note, 2_000);
        issues.ThrowIfErrors("border-band derivation");
        return new BorderBandDerivation(region, depth, lines, stretchLength, anchors, text);
    }
}
