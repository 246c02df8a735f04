namespace GeoIncidents.Core.Model;

/// <summary>What kind of event an incident is. GeoJSON names are kebab-case (<see cref="WireNames"/>): <c>border-crossing</c>.</summary>
public enum IncidentType
{
    /// <summary><c>clash</c>: armed clash, exchange of fire.</summary>
    Clash,

    /// <summary><c>shelling</c>: artillery, mortar, rocket or drone fire on a place.</summary>
    Shelling,

    /// <summary><c>border-crossing</c>: forces or people crossing (or said to cross) a border or line.</summary>
    BorderCrossing,

    /// <summary><c>detention</c>: people captured or detained.</summary>
    Detention,

    /// <summary><c>casualty</c>: a death or injury reported on its own.</summary>
    Casualty,

    /// <summary><c>ceasefire</c>: a ceasefire declared, or its violation reported.</summary>
    Ceasefire,

    /// <summary><c>agreement</c>: an agreement or statement signed by several parties.</summary>
    Agreement,

    /// <summary><c>statement</c>: a statement by one party (usually unlocated).</summary>
    Statement,

    /// <summary><c>control-change</c>: a territory changes hands (see also <see cref="ControlEvent"/>).</summary>
    ControlChange,

    /// <summary><c>other</c>: anything else.</summary>
    Other,
}

/// <summary>How established an incident is. GeoJSON names: <c>reported</c>, <c>disputed</c>, <c>confirmed</c>, <c>retracted</c>.</summary>
public enum IncidentStatus
{
    /// <summary><c>reported</c>: reported by a source, not (yet) corroborated or contested.</summary>
    Reported,

    /// <summary><c>disputed</c>: the parties' claims about it contradict each other.</summary>
    Disputed,

    /// <summary><c>confirmed</c>: corroborated by independent sources or an official text.</summary>
    Confirmed,

    /// <summary><c>retracted</c>: withdrawn (records are never deleted; a delete retracts).</summary>
    Retracted,
}

/// <summary>The resolution of a stated date. GeoJSON names: <c>day</c>, <c>month</c>, <c>year</c>.</summary>
public enum OccurrencePrecision
{
    /// <summary><c>day</c>: known to the (UTC) day; a date-time also has day precision.</summary>
    Day,

    /// <summary><c>month</c>: known to the month ("May 2021").</summary>
    Month,

    /// <summary><c>year</c>: known to the year.</summary>
    Year,
}

/// <summary>What a region is. GeoJSON names: <c>country</c>, <c>province</c>, <c>district</c>, <c>city</c>.</summary>
public enum RegionKind
{
    /// <summary><c>country</c>: ISO 3166-1.</summary>
    Country,

    /// <summary><c>province</c>: a first-level unit called province or marz (Armenia's marzer).</summary>
    Province,

    /// <summary><c>district</c>: a first-level unit called district or rayon (Azerbaijan's rayons).</summary>
    District,

    /// <summary><c>city</c>: a city or municipality with first-level status (Yerevan, Baku, Ganja...).</summary>
    City,
}

/// <summary>What a zone is. GeoJSON names: <c>corridor</c>, <c>peacekeeping-area</c>, <c>buffer-zone</c>, <c>other</c>.</summary>
public enum ZoneKind
{
    /// <summary><c>corridor</c>: a band along a route (the Lachin corridor).</summary>
    Corridor,

    /// <summary><c>peacekeeping-area</c>: an area of a peacekeeping deployment.</summary>
    PeacekeepingArea,

    /// <summary><c>buffer-zone</c>: a demilitarised or buffer zone.</summary>
    BufferZone,

    /// <summary><c>other</c>: anything else.</summary>
    Other,
}

/// <summary>
/// How a location precision was stated. GeoJSON names: <c>radius</c>, <c>acled-geo-precision</c>,
/// <c>ucdp-where-prec</c> (see <see cref="LocationPrecision"/>).
/// </summary>
public enum LocationPrecisionScheme
{
    /// <summary><c>radius</c>: a radius in metres, given directly.</summary>
    Radius,

    /// <summary><c>acled-geo-precision</c>: ACLED's <c>geo_precision</c> code 1–3.</summary>
    AcledGeoPrecision,

    /// <summary><c>ucdp-where-prec</c>: UCDP GED's <c>where_prec</c> code 1–7.</summary>
    UcdpWherePrec,
}

/// <summary>What a <see cref="ControlEvent"/> concerns. GeoJSON names: <c>region</c>, <c>zone</c>.</summary>
public enum ControlSubjectKind
{
    /// <summary><c>region</c>: a <see cref="Region"/> (e.g. the Aghdam district, AZ-AGM).</summary>
    Region,

    /// <summary><c>zone</c>: a <see cref="Zone"/> (e.g. the Lachin corridor).</summary>
    Zone,
}
