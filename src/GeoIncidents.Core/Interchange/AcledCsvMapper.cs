using System.Buffers;
using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// ACLED-style CSV ↔ incidents. Reading takes ACLED's column names (any order, extra columns ignored; see
/// <see cref="AcledColumns"/>) and, when present, this project's <c>gi_*</c> columns (<see cref="ExtensionColumns"/>),
/// which an export writes so that export → import gives the same records. Writing gives ACLED's columns in ACLED's
/// order, then the <c>gi_*</c> columns, every text cell neutralised against formula injection (<see cref="CsvCells"/>).
/// </summary>
/// <remarks>
/// <para><b>ACLED → incident</b> (a non-empty <c>gi_*</c> cell overrides the derivation of its field):</para>
/// <list type="bullet">
/// <item><c>event_id_cnty</c> → the incident id (the external id: re-importing updates the same record).</item>
/// <item><c>event_date</c> (ISO <c>2021-05-12</c>, or ACLED's <c>12 May 2021</c> / <c>12 May. 2021</c>) with
/// <c>time_precision</c> → <c>occurred</c>: 1 (or empty) the day; 2 (a week or weekend is known, ACLED codes the
/// middle of it) the 7-day interval centred on the date, day precision; 3 (only the month is known) the month.</item>
/// <item><c>latitude</c>, <c>longitude</c> → a Point (both empty: unlocated); <c>geo_precision</c> 1–3 → the
/// location precision (<see cref="LocationPrecision.FromAcledGeoPrecision"/>: 2 km, 25 km, 100 km).</item>
/// <item><c>event_type</c>, <c>sub_event_type</c> → <c>type</c> (<see cref="AcledEventTypes"/>).</item>
/// <item><c>admin1</c> within <c>country</c> → <c>admin1</c> as a region id when the store has that region
/// (<see cref="AcledGazetteer"/>), else no admin1 (the name stays in the tags).</item>
/// <item><c>notes</c> → <c>description</c>; title: "<c>sub_event_type</c> at <c>location</c>: <c>actor1</c> vs <c>actor2</c>".</item>
/// <item><c>source</c> (names separated by <c>;</c>) → sources, each {id: "ID:s1", "ID:s2", ..., publisher: the name,
/// title: "ACLED event ID", published: the event date when it is a single day}; without names, one source {id:
/// "ID:acled", publisher: ACLED, title: "ACLED event ID", url: https://acleddata.com/}.</item>
/// <item>Tags: <c>acled</c>, then <c>column=value</c> for every non-empty cell of <see cref="TagColumns"/> whose value
/// the export would not derive anyway: <c>country</c> and <c>admin1</c> only when the admin1 name did not resolve to a
/// region, <c>disorder_type</c>, <c>iso</c>, <c>region</c> and <c>interaction</c> only when they differ from what
/// <see cref="AcledEventTypes"/>, the country and <c>inter1</c>/<c>inter2</c> give; and <c>acled_tag=…</c> per item of
/// ACLED's <c>tags</c> cell. So the export gives back ACLED's values, and rows stay small. A tag is at most 64
/// characters: a longer one is cut to 63 and ends with "…".</item>
/// <item>Status: reported. Warnings come from the validator, not the file.</item>
/// </list>
/// <para>A text cell that begins with an apostrophe followed by = + - @, a tab or CR loses that apostrophe on
/// import (<see cref="CsvCells.Restore"/>), undoing the export's formula-injection guard.</para>
/// </remarks>
public sealed class AcledCsvMapper
{
    /// <summary>Tag written on every incident imported from ACLED columns.</summary>
    public const string AcledTag = "acled";

    /// <summary>The publisher name of the source entry that credits ACLED itself.</summary>
    public const string AcledPublisher = "ACLED";

    /// <summary>Longest tag the model accepts, in characters.</summary>
    public const int MaxTagLength = 64;

    /// <summary>ACLED's columns in ACLED's order (2023 layout).</summary>
    public static IReadOnlyList<string> AcledColumns { get; } =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
        "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
        "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ];

    /// <summary>
    /// This project's columns after ACLED's: the incident's own fields, exactly (<c>gi_occurred</c> ISO 8601,
    /// <c>gi_tags</c> and <c>gi_sources</c> JSON, <c>gi_geometry</c> GeoJSON for a geometry that is not a Point),
    /// plus <c>gi_revision</c> and <c>gi_updated</c> (informative; ignored on import).
    /// </summary>
    public static IReadOnlyList<string> ExtensionColumns { get; } =
    [
        "gi_title", "gi_type", "gi_status", "gi_occurred", "gi_occurred_precision", "gi_location_precision_m", "gi_location_precision_scheme",
        "gi_location_precision_code", "gi_admin1", "gi_tags", "gi_sources", "gi_geometry", "gi_revision", "gi_updated",
    ];

    /// <summary>Every column an export writes, in order.</summary>
    public static IReadOnlyList<string> ExportColumns { get; } = [.. AcledColumns, .. ExtensionColumns];

    /// <summary>The columns written as tags on import (and read back from tags on export).</summary>
    /// <remarks>Values the export derives anyway are left out on import (see the class remarks).</remarks>
    public static IReadOnlyList<string> TagColumns { get; } =
    [
        "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
        "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "source_scale", "fatalities", "timestamp",
    ];

    /// <summary>The prefix of tags holding the items of ACLED's <c>tags</c> column.</summary>
    public const string AcledTagItemKey = "acled_tag";

    private static readonly Uri AcledUrl = new("https://acleddata.com/");
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d MMMM yyyy", "d MMM yyyy", "d MMM. yyyy", "dd-MMM-yyyy", "d-MMM-yyyy"];
    private static readonly HashSet<string> TagColumnSet = new(TagColumns, StringComparer.Ordinal);

    private readonly AcledGazetteer _gazetteer;
    private readonly int[] _acled;
    private readonly int[] _extension;
    private readonly int[] _tagColumns;

    /// <summary>Prepares reading a file with this header.</summary>
    /// <param name="header">The column names of the file, in order (matched case-insensitively, surrounding spaces ignored).</param>
    /// <param name="gazetteer">The store's region names.</param>
    /// <exception cref="InvalidDataException">A required column is missing (<c>event_id_cnty</c>, <c>event_date</c>,
    /// <c>latitude</c>, <c>longitude</c>, and <c>event_type</c> unless <c>gi_type</c> is present) or a name repeats.</exception>
    public AcledCsvMapper(IReadOnlyList<string> header, AcledGazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(gazetteer);
        _gazetteer = gazetteer;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!index.TryAdd(name, i))
            {
                throw new InvalidDataException($"the header names column '{name}' twice");
            }
        }

        _acled = AcledColumns.Select(c => index.GetValueOrDefault(c, -1)).ToArray();
        _extension = ExtensionColumns.Select(c => index.GetValueOrDefault(c, -1)).ToArray();
        _tagColumns = TagColumns.Select(c => index.GetValueOrDefault(c, -1)).ToArray();
        var required = new List<string> { "event_id_cnty", "event_date", "latitude", "longitude" };
        if (_extension[1] < 0)
        {
            required.Add("event_type");
        }

        var missing = required.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"not an ACLED-style CSV: the header lacks {string.Join(", ", missing)} (found: {string.Join(", ", header.Take(40))})");
        }

        ColumnCount = header.Count;
    }

    /// <summary>How many columns the header has (every record must have as many fields).</summary>
    public int ColumnCount { get; }

    /// <summary>Reads one record into an incident, collecting every error of the record.</summary>
    /// <typeparam name="TRow">The tokenizer's record type.</typeparam>
    /// <param name="row">The record.</param>
    /// <returns>The incident or the errors.</returns>
    public CsvReadResult Read<TRow>(TRow row)
        where TRow : ICsvRow, allows ref struct
    {
        var line = row.LineNumber;
        var errors = new List<CsvLineError>(0);
        if (row.FieldCount != ColumnCount)
        {
            errors.Add(new CsvLineError(line, string.Empty, $"has {row.FieldCount} fields, the header has {ColumnCount}", ValidationCodes.InvalidFormat));
            return new CsvReadResult(line, null, errors);
        }

        var id = Text(row, Acled.EventIdCnty)?.Trim() ?? string.Empty;
        if (id.Length == 0)
        {
            errors.Add(new CsvLineError(line, "event_id_cnty", "the event id is required", ValidationCodes.Required));
        }
        else if (!RecordIds.IsValid(id))
        {
            errors.Add(new CsvLineError(line, "event_id_cnty", $"'{RecordIds.Shorten(id)}' is not a usable id (letters, digits, . _ : ~ -)", ValidationCodes.InvalidId));
        }

        var eventType = Text(row, Acled.EventType)?.Trim();
        var subEventType = Text(row, Acled.SubEventType)?.Trim();
        var type = ReadType(row, line, errors, eventType, subEventType);
        var status = ReadStatus(row, line, errors);
        var occurred = ReadOccurred(row, line, errors);
        var geometry = ReadGeometry(row, line, errors);
        var precision = ReadPrecision(row, line, errors);
        var countryName = Text(row, Acled.Country)?.Trim();
        var country = _gazetteer.CountryCode(countryName);
        var admin1 = Extension(row, Ext.Admin1)?.Trim() ?? _gazetteer.Admin1Id(country, Text(row, Acled.Admin1)?.Trim());
        var description = Text(row, Acled.Notes);
        var tags = ReadTags(row, line, errors, Extension(row, Ext.Admin1) is null ? admin1 : null, country, eventType);
        var sources = ReadSources(row, line, errors, id, occurred);
        var title = Extension(row, Ext.Title) ?? ComposeTitle(row, eventType, subEventType);
        if (errors.Count > 0)
        {
            return new CsvReadResult(line, null, errors);
        }

        try
        {
            var incident = Incident.Create(id, title, type, occurred!.Value, status, geometry, precision, admin1,
                string.IsNullOrWhiteSpace(description) ? null : description, tags, sources);
            return new CsvReadResult(line, incident, []);
        }
        catch (RecordValidationException ex)
        {
            foreach (var issue in ex.Issues)
            {
                errors.Add(new CsvLineError(line, issue.Field, issue.Message, issue.Code));
            }

            return new CsvReadResult(line, null, errors);
        }
    }

    /// <summary>The cells of one incident for <see cref="ExportColumns"/>, text cells neutralised (<see cref="CsvCells.Neutralize"/>).</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="gazetteer">Region names (for <c>country</c> and <c>admin1</c> of incidents without ACLED tags).</param>
    /// <returns>One cell per export column (empty for none).</returns>
    public static string[] ToCells(Incident incident, AcledGazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new List<string>();
        foreach (var tag in incident.Tags)
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = tag[..eq];
            if (key == AcledTagItemKey)
            {
                items.Add(tag[(eq + 1)..]);
            }
            else if (TagColumnSet.Contains(key))
            {
                tags.TryAdd(key, tag[(eq + 1)..]);
            }
        }

        var (disorder, eventType, subEventType) = AcledEventTypes.FromIncidentType(incident.Type);
        var (day, timePrecision) = RepresentativeDay(incident.Occurred);
        var region = gazetteer.Region(incident.Admin1);
        var point = incident.Geometry switch
        {
            null => null,
            { IsEmpty: true } => null,
            Point p => p,
            var g => g.InteriorPoint,
        };
        var cells = new string[ExportColumns.Count];
        void Set(string column, string? value, bool text = true)
        {
            var i = Index(column);
            cells[i] = text ? CsvCells.Neutralize(value) : value ?? string.Empty;
        }

        string? Tag(string key) => tags.TryGetValue(key, out var v) ? v : null;

        Set("event_id_cnty", incident.Id);
        Set("event_date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text: false);
        Set("year", day.Year.ToString(CultureInfo.InvariantCulture), text: false);
        Set("time_precision", timePrecision.ToString(CultureInfo.InvariantCulture), text: false);
        var acledEventType = Tag("event_type") ?? eventType;
        Set("disorder_type", Tag("disorder_type") ?? (Tag("event_type") is { } acled ? DisorderType(acled) : disorder));
        Set("event_type", acledEventType);
        Set("sub_event_type", Tag("sub_event_type") ?? subEventType);
        foreach (var key in new[] { "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "admin2", "admin3", "location", "source_scale", "fatalities" })
        {
            Set(key, Tag(key));
        }

        var countryCode = region?.Country ?? gazetteer.CountryCode(Tag("country"));
        Set("interaction", Tag("interaction") ?? Interaction(Tag("inter1"), Tag("inter2")));
        Set("iso", Tag("iso") ?? AcledRegions.IsoNumeric(countryCode));
        Set("region", Tag("region") ?? AcledRegions.WorldRegion(countryCode));
        Set("country", Tag("country") ?? gazetteer.CountryName(region?.Country));
        Set("admin1", Tag("admin1") ?? region?.Name);
        Set("latitude", point is null ? null : point.Y.ToString("R", CultureInfo.InvariantCulture), text: false);
        Set("longitude", point is null ? null : point.X.ToString("R", CultureInfo.InvariantCulture), text: false);
        Set("geo_precision", GeoPrecision(incident.LocationPrecision)?.ToString(CultureInfo.InvariantCulture), text: false);
        Set("source", string.Join("; ", incident.Sources.Where(s => s.Publisher != AcledPublisher).Select(s => s.Publisher).Distinct(StringComparer.Ordinal)));
        Set("notes", incident.Description);
        Set("tags", string.Join("; ", items));
        Set("timestamp", Tag("timestamp") ?? incident.Updated?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Set("gi_title", incident.Title);
        Set("gi_type", WireNames.Of(incident.Type));
        Set("gi_status", WireNames.Of(incident.Status));
        Set("gi_occurred", incident.Occurred.ToIsoString(), text: false);
        Set("gi_occurred_precision", WireNames.Of(incident.Occurred.Precision));
        if (incident.LocationPrecision is { } lp)
        {
            Set("gi_location_precision_m", lp.Radius?.Meters.ToString("R", CultureInfo.InvariantCulture), text: false);
            Set("gi_location_precision_scheme", WireNames.Of(lp.Scheme));
            Set("gi_location_precision_code", lp.Code?.ToString(CultureInfo.InvariantCulture), text: false);
        }

        Set("gi_admin1", incident.Admin1);
        Set("gi_tags", JsonSerializer.Serialize(incident.Tags.ToArray(), GeoJsonSerialization.Options));
        Set("gi_sources", SourcesJson(incident.Sources));
        Set("gi_geometry", incident.Geometry is null or Point ? null : JsonSerializer.Serialize(incident.Geometry, GeoJsonSerialization.Options));
        Set("gi_revision", incident.Revision > 0 ? incident.Revision.ToString(CultureInfo.InvariantCulture) : null, text: false);
        Set("gi_updated", incident.Updated?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture), text: false);
        return cells;
    }

    /// <summary>The ACLED <c>geo_precision</c> class of a location precision: its code for ACLED's scheme, else by radius (≤ 2 km: 1, ≤ 25 km: 2, larger: 3).</summary>
    /// <param name="precision">The precision, or null.</param>
    /// <returns>1–3, or null when there is no precision or no radius.</returns>
    public static int? GeoPrecision(LocationPrecision? precision) => precision switch
    {
        null => null,
        { Scheme: LocationPrecisionScheme.AcledGeoPrecision, Code: { } code } => code,
        { Radius: { } r } => r.Meters <= LocationPrecision.AcledRadiiMeters[0] ? 1 : r.Meters <= LocationPrecision.AcledRadiiMeters[1] ? 2 : 3,
        _ => null,
    };

    /// <summary>
    /// The day and ACLED <c>time_precision</c> that represent an occurrence: a single day is itself (1); an interval of
    /// at most 7 days its middle day (2); anything longer or coarser the middle of its widened span (3).
    /// </summary>
    /// <param name="occurred">The occurrence.</param>
    /// <returns>The day and the code.</returns>
    public static (DateOnly Day, int TimePrecision) RepresentativeDay(Occurrence occurred)
    {
        var start = DateOnly.FromDateTime(occurred.WidenedStart.UtcDateTime);
        if (occurred.Precision == OccurrencePrecision.Day && !occurred.IsInterval)
        {
            return (DateOnly.FromDateTime(occurred.Start.UtcDateTime), 1);
        }

        var days = (int)Math.Round((occurred.WidenedEnd - occurred.WidenedStart).TotalDays);
        return (start.AddDays((days - 1) / 2), occurred.Precision == OccurrencePrecision.Day && days <= 7 ? 2 : 3);
    }

    /// <summary>Parses an ACLED <c>event_date</c>: ISO <c>2021-05-12</c> or <c>12 May 2021</c> (English month names, full or abbreviated).</summary>
    /// <param name="text">The cell.</param>
    /// <param name="day">The date when the method returns true.</param>
    /// <returns>True when the text is a date in one of the accepted forms.</returns>
    public static bool TryParseEventDate(ReadOnlySpan<char> text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static int Index(string column)
    {
        for (var i = 0; i < ExportColumns.Count; i++)
        {
            if (ExportColumns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(column), column, "not an export column");
    }

    private IncidentType ReadType<TRow>(TRow row, int line, List<CsvLineError> errors, string? eventType, string? subEventType)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.Type) is { } gi)
        {
            if (WireNames.TryParse<IncidentType>(gi.Trim(), out var parsed))
            {
                return parsed;
            }

            errors.Add(new CsvLineError(line, "gi_type", $"unknown incident type '{gi}' ({string.Join(", ", WireNames.All<IncidentType>())})", ValidationCodes.UnknownValue));
            return IncidentType.Other;
        }

        if (string.IsNullOrEmpty(eventType))
        {
            errors.Add(new CsvLineError(line, "event_type", "the event type is required", ValidationCodes.Required));
        }

        return AcledEventTypes.ToIncidentType(eventType, subEventType);
    }

    private IncidentStatus ReadStatus<TRow>(TRow row, int line, List<CsvLineError> errors)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.Status) is not { } gi)
        {
            return IncidentStatus.Reported;
        }

        if (WireNames.TryParse<IncidentStatus>(gi.Trim(), out var parsed))
        {
            return parsed;
        }

        errors.Add(new CsvLineError(line, "gi_status", $"unknown status '{gi}' ({string.Join(", ", WireNames.All<IncidentStatus>())})", ValidationCodes.UnknownValue));
        return IncidentStatus.Reported;
    }

    private Occurrence? ReadOccurred<TRow>(TRow row, int line, List<CsvLineError> errors)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.Occurred) is { } gi)
        {
            OccurrencePrecision? precision = null;
            if (Extension(row, Ext.OccurredPrecision) is { } p)
            {
                if (!WireNames.TryParse<OccurrencePrecision>(p.Trim(), out var parsed))
                {
                    errors.Add(new CsvLineError(line, "gi_occurred_precision", $"unknown precision '{p}' (day, month, year)", ValidationCodes.UnknownValue));
                    return null;
                }

                precision = parsed;
            }

            if (Occurrence.TryParseWithCode(gi.Trim(), precision, out var o, out var error, out var code))
            {
                return o;
            }

            errors.Add(new CsvLineError(line, "gi_occurred", error!, code));
            return null;
        }

        var dateText = Field(row, Acled.EventDate).Trim();
        if (dateText.IsEmpty)
        {
            errors.Add(new CsvLineError(line, "event_date", "the event date is required", ValidationCodes.Required));
            return null;
        }

        if (!TryParseEventDate(dateText, out var day))
        {
            errors.Add(new CsvLineError(line, "event_date", $"'{dateText}' is not a date (2021-05-12 or 12 May 2021)", ValidationCodes.InvalidFormat));
            return null;
        }

        var tpText = Field(row, Acled.TimePrecision).Trim();
        var tp = 1;
        if (!tpText.IsEmpty && (!int.TryParse(tpText, NumberStyles.None, CultureInfo.InvariantCulture, out tp) || tp is < 1 or > 3))
        {
            errors.Add(new CsvLineError(line, "time_precision", $"'{tpText}' is not 1, 2 or 3", ValidationCodes.OutOfRange));
            return null;
        }

        try
        {
            return tp switch
            {
                1 => Occurrence.OnDay(day),
                2 => Occurrence.Between(day.AddDays(-3), day.AddDays(3)),
                _ => Occurrence.InMonth(day.Year, day.Month),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            errors.Add(new CsvLineError(line, "event_date", ex.Message.Split(" (Parameter", 2)[0], ValidationCodes.OutOfRange));
            return null;
        }
    }

    private Geometry? ReadGeometry<TRow>(TRow row, int line, List<CsvLineError> errors)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.Geometry) is { } gi)
        {
            try
            {
                return JsonSerializer.Deserialize<Geometry>(gi, GeoJsonSerialization.Options)
                    ?? throw new JsonException("null geometry");
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                errors.Add(new CsvLineError(line, "gi_geometry", "not a GeoJSON geometry: " + ex.Message, ValidationCodes.InvalidGeometry));
                return null;
            }
        }

        var latText = Field(row, Acled.Latitude).Trim();
        var lonText = Field(row, Acled.Longitude).Trim();
        if (latText.IsEmpty && lonText.IsEmpty)
        {
            return null;
        }

        var lat = Coordinate(latText, "latitude", 90, line, errors);
        var lon = Coordinate(lonText, "longitude", 180, line, errors);
        return lat is { } y && lon is { } x ? GeometryFactories.Wgs84.CreatePoint(new Coordinate(x, y)) : null;
    }

    private static double? Coordinate(ReadOnlySpan<char> text, string column, double limit, int line, List<CsvLineError> errors)
    {
        if (text.IsEmpty)
        {
            errors.Add(new CsvLineError(line, column, $"the {column} is missing (give both coordinates, or neither for an unlocated event)", ValidationCodes.Required));
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(new CsvLineError(line, column, $"'{text}' is not a number (decimal degrees with a '.')", ValidationCodes.InvalidFormat));
            return null;
        }

        if (Math.Abs(value) > limit)
        {
            errors.Add(new CsvLineError(line, column, string.Create(CultureInfo.InvariantCulture, $"{text} is out of range (-{limit} to {limit} degrees)"), ValidationCodes.OutOfRange));
            return null;
        }

        return value;
    }

    private LocationPrecision? ReadPrecision<TRow>(TRow row, int line, List<CsvLineError> errors)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.PrecisionScheme) is { } scheme)
        {
            if (!WireNames.TryParse<LocationPrecisionScheme>(scheme.Trim(), out var s))
            {
                errors.Add(new CsvLineError(line, "gi_location_precision_scheme", $"unknown scheme '{scheme}' ({string.Join(", ", WireNames.All<LocationPrecisionScheme>())})", ValidationCodes.UnknownValue));
                return null;
            }

            var codeText = Extension(row, Ext.PrecisionCode);
            var metersText = Extension(row, Ext.PrecisionMeters);
            int? code = codeText is not null && int.TryParse(codeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
            double? meters = metersText is not null && double.TryParse(metersText, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null;
            try
            {
                return LocationPrecision.From(s, code, meters is { } mm ? Length.FromMeters(mm) : null);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                errors.Add(new CsvLineError(line, "gi_location_precision", ex.Message.Split(" (Parameter", 2)[0], ValidationCodes.OutOfRange));
                return null;
            }
        }

        var text = Field(row, Acled.GeoPrecision).Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 3)
        {
            return LocationPrecision.FromAcledGeoPrecision(value);
        }

        errors.Add(new CsvLineError(line, "geo_precision", $"'{text}' is not 1, 2 or 3", ValidationCodes.OutOfRange));
        return null;
    }

    private List<string> ReadTags<TRow>(TRow row, int line, List<CsvLineError> errors, string? admin1Id, string? country, string? eventType)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.Tags) is { } gi)
        {
            try
            {
                return JsonSerializer.Deserialize<List<string>>(gi, GeoJsonSerialization.Options) ?? [];
            }
            catch (JsonException ex)
            {
                errors.Add(new CsvLineError(line, "gi_tags", "not a JSON array of strings: " + ex.Message, ValidationCodes.InvalidFormat));
                return [];
            }
        }

        var tags = new List<string>(12) { AcledTag };
        var inter1 = TagCell(row, "inter1");
        var inter2 = TagCell(row, "inter2");
        for (var i = 0; i < _tagColumns.Length; i++)
        {
            if (_tagColumns[i] < 0 || CsvCells.Restore(row[_tagColumns[i]]).Trim() is not { IsEmpty: false } value)
            {
                continue;
            }

            var derived = TagColumns[i] switch
            {
                "country" when admin1Id is not null => _gazetteer.CountryName(_gazetteer.Region(admin1Id)?.Country),
                "admin1" when admin1Id is not null => _gazetteer.Region(admin1Id)?.Name,
                "disorder_type" => DisorderType(eventType),
                "iso" => AcledRegions.IsoNumeric(country),
                "region" => AcledRegions.WorldRegion(country),
                "interaction" => Interaction(inter1, inter2),
                _ => null,
            };
            if (derived is null || !value.Equals(derived, StringComparison.Ordinal))
            {
                tags.Add(Shorten(string.Concat(TagColumns[i], "=", value)));
            }
        }

        if (Text(row, Acled.Tags) is { } items)
        {
            foreach (var item in items.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = Shorten(AcledTagItemKey + "=" + item);
                if (!tags.Contains(tag, StringComparer.Ordinal))
                {
                    tags.Add(tag);
                }
            }
        }

        return tags;
    }

    /// <summary>ACLED's disorder type for an event type when the file gives none (and the value import leaves out as derivable).</summary>
    /// <param name="eventType">ACLED <c>event_type</c>.</param>
    /// <returns>E.g. <c>Political violence</c>, or null for an unknown event type.</returns>
    public static string? DisorderType(string? eventType) => eventType?.Trim().ToUpperInvariant() switch
    {
        "BATTLES" or "EXPLOSIONS/REMOTE VIOLENCE" or "VIOLENCE AGAINST CIVILIANS" => "Political violence",
        "PROTESTS" or "RIOTS" => "Demonstrations",
        "STRATEGIC DEVELOPMENTS" => "Strategic developments",
        _ => null,
    };

    /// <summary>ACLED's <c>interaction</c> code of two actor types: the two <c>inter</c> codes, lower first; one actor: its code then 0.</summary>
    /// <param name="inter1">ACLED <c>inter1</c>.</param>
    /// <param name="inter2">ACLED <c>inter2</c>, or null.</param>
    /// <returns>E.g. <c>13</c>, <c>10</c>; null when inter1 is not a single digit.</returns>
    public static string? Interaction(string? inter1, string? inter2)
    {
        if (inter1 is not { Length: 1 } a || !char.IsAsciiDigit(a[0]))
        {
            return null;
        }

        if (string.IsNullOrEmpty(inter2))
        {
            return a + "0";
        }

        return inter2 is { Length: 1 } b && char.IsAsciiDigit(b[0]) ? (a[0] <= b[0] ? a + b : b + a) : null;
    }

    private string? TagCell<TRow>(TRow row, string column)
        where TRow : ICsvRow, allows ref struct
    {
        var i = _tagColumns[TagIndex(column)];
        if (i < 0)
        {
            return null;
        }

        var span = CsvCells.Restore(row[i]).Trim();
        return span.IsEmpty ? null : span.ToString();
    }

    private static int TagIndex(string column)
    {
        for (var i = 0; i < TagColumns.Count; i++)
        {
            if (TagColumns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(column), column, "not a tag column");
    }

    private List<Source> ReadSources<TRow>(TRow row, int line, List<CsvLineError> errors, string id, Occurrence? occurred)
        where TRow : ICsvRow, allows ref struct
    {
        if (Extension(row, Ext.Sources) is { } gi)
        {
            return ParseSourcesJson(gi, line, errors);
        }

        var sources = new List<Source>(3);
        if (!RecordIds.IsValid(id))
        {
            return sources;
        }

        DateOnly? published = occurred is { } o && o.Precision == OccurrencePrecision.Day && !o.IsInterval ? DateOnly.FromDateTime(o.Start.UtcDateTime) : null;
        var title = "ACLED event " + id;
        try
        {
            var names = DistinctInOrder(Text(row, Acled.Source)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
            if (names.Count == 0)
            {
                sources.Add(Source.Create(id + ":acled", AcledPublisher, title, AcledUrl, published));
            }

            for (var i = 0; i < names.Count; i++)
            {
                sources.Add(Source.Create(id + ":s" + (i + 1).ToString(CultureInfo.InvariantCulture), names[i], title, published: published));
            }
        }
        catch (RecordValidationException ex)
        {
            foreach (var issue in ex.Issues)
            {
                errors.Add(new CsvLineError(line, "source", issue.Message, issue.Code));
            }
        }

        return sources;
    }

    /// <summary>The names without repeats (ordinal), in first-seen order; a pairwise scan for the few names of a row, no set.</summary>
    private static List<string> DistinctInOrder(string[] names)
    {
        if (names.Length > 16)
        {
            return names.Distinct(StringComparer.Ordinal).ToList();
        }

        var list = new List<string>(names.Length);
        foreach (var name in names)
        {
            if (!list.Contains(name, StringComparer.Ordinal))
            {
                list.Add(name);
            }
        }

        return list;
    }

    private static List<Source> ParseSourcesJson(string json, int line, List<CsvLineError> errors)
    {
        var sources = new List<Source>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("expected an array");
            }

            foreach (var s in doc.RootElement.EnumerateArray())
            {
                string? Get(string name) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var url = Get("url");
                var published = Get("published");
                DateOnly? day = published is null ? null : DateOnly.ParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Uri? uri = url is null ? null : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : throw new JsonException($"'{url}' is not an absolute URL");
                var publisher = Get("publisher") ?? string.Empty;
                var title = Get("title") ?? string.Empty;
                sources.Add(Source.Create(Get("id") ?? Source.DeriveId(publisher, title, uri, day), publisher, title, uri, day, Get("language"), Get("quote")));
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            errors.Add(new CsvLineError(line, "gi_sources", "not a JSON array of sources: " + ex.Message, ValidationCodes.InvalidFormat));
        }
        catch (RecordValidationException ex)
        {
            foreach (var issue in ex.Issues)
            {
                errors.Add(new CsvLineError(line, "gi_sources." + issue.Field, issue.Message, issue.Code));
            }
        }

        return sources;
    }

    private static string SourcesJson(IEnumerable<Source> sources)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, GeoJsonSerialization.WriterOptions))
        {
            w.WriteStartArray();
            foreach (var s in sources)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteString("publisher", s.Publisher);
                w.WriteString("title", s.Title);
                if (s.Url is not null)
                {
                    w.WriteString("url", s.Url.ToString());
                }

                if (s.Published is { } p)
                {
                    w.WriteString("published", p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                if (s.Language is not null)
                {
                    w.WriteString("language", s.Language);
                }

                if (s.Quote is not null)
                {
                    w.WriteString("quote", s.Quote);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string ComposeTitle<TRow>(TRow row, string? eventType, string? subEventType)
        where TRow : ICsvRow, allows ref struct
    {
        var what = !string.IsNullOrEmpty(subEventType) ? subEventType : !string.IsNullOrEmpty(eventType) ? eventType : "Event";
        var location = Text(row, Acled.Location)?.Trim();
        var actor1 = Text(row, Acled.Actor1)?.Trim();
        var actor2 = Text(row, Acled.Actor2)?.Trim();
        var title = string.IsNullOrEmpty(location) ? what : $"{what} at {location}";
        if (!string.IsNullOrEmpty(actor1))
        {
            title += ": " + actor1 + (string.IsNullOrEmpty(actor2) ? string.Empty : " vs " + actor2);
        }

        return title.Length <= Incident.MaxTitleLength ? title : title[..(Incident.MaxTitleLength - 1)].TrimEnd() + "…";
    }

    private static string Shorten(string tag) => tag.Length <= MaxTagLength ? tag : tag[..(MaxTagLength - 1)].TrimEnd() + "…";

    private ReadOnlySpan<char> Field<TRow>(TRow row, int acledColumn)
        where TRow : ICsvRow, allows ref struct => _acled[acledColumn] < 0 ? [] : CsvCells.Restore(row[_acled[acledColumn]]);

    private string? Text<TRow>(TRow row, int acledColumn)
        where TRow : ICsvRow, allows ref struct
    {
        var span = Field(row, acledColumn);
        return span.IsWhiteSpace() ? null : span.ToString();
    }

    private string? Extension<TRow>(TRow row, int extensionColumn)
        where TRow : ICsvRow, allows ref struct
    {
        var index = _extension[extensionColumn];
        if (index < 0)
        {
            return null;
        }

        var span = CsvCells.Restore(row[index]);
        return span.IsWhiteSpace() ? null : span.ToString();
    }

    /// <summary>Indexes into <see cref="AcledColumns"/>.</summary>
    private static class Acled
    {
        public const int EventIdCnty = 0;
        public const int EventDate = 1;
        public const int TimePrecision = 3;
        public const int EventType = 5;
        public const int SubEventType = 6;
        public const int Actor1 = 7;
        public const int Actor2 = 10;
        public const int Country = 17;
        public const int Admin1 = 18;
        public const int Location = 21;
        public const int Latitude = 22;
        public const int Longitude = 23;
        public const int GeoPrecision = 24;
        public const int Source = 25;
        public const int Notes = 27;
        public const int Tags = 29;
    }

    /// <summary>Indexes into <see cref="ExtensionColumns"/>.</summary>
    private static class Ext
    {
        public const int Title = 0;
        public const int Type = 1;
        public const int Status = 2;
        public const int Occurred = 3;
        public const int OccurredPrecision = 4;
        public const int PrecisionMeters = 5;
        public const int PrecisionScheme = 6;
        public const int PrecisionCode = 7;
        public const int Admin1 = 8;
        public const int Tags = 9;
        public const int Sources = 10;
        public const int Geometry = 11;
    }
}
