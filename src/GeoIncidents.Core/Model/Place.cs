using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Geodesy.Positions;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Model;

/// <summary>Another name of a place: a side's spelling or an older name (Kelbajar, Karvachar; Berdzor; Khankendi; Garagol).</summary>
public sealed record AlternateName
{
    private AlternateName(string name, string? language, string? note, string? source)
    {
        Name = name;
        Language = language;
        Note = note;
        Source = source;
    }

    /// <summary>The name as written, at most 200 characters.</summary>
    public string Name { get; }

    /// <summary>The language and script as a BCP 47 tag (<c>en</c>, <c>hy-Latn</c>, <c>az</c>), or null.</summary>
    public string? Language { get; }

    /// <summary>Who uses it, at most 500 characters.</summary>
    public string? Note { get; }

    /// <summary>Where the spelling comes from (a source id or a description), at most 500 characters.</summary>
    public string? Source { get; }

    /// <summary>Creates an alternate name.</summary>
    /// <param name="name">The name (required).</param>
    /// <param name="language">A BCP 47 tag, or null.</param>
    /// <param name="note">Who uses it, or null.</param>
    /// <param name="source">Where it comes from, or null.</param>
    /// <returns>The alternate name.</returns>
    /// <exception cref="RecordValidationException">The name is missing or a text is too long.</exception>
    public static AlternateName Create(string name, string? language = null, string? note = null, string? source = null)
    {
        var issues = new IssueCollector();
        var n = issues.Text("name", name, 200);
        var l = issues.OptionalText("lang", language, 35);
        var o = issues.OptionalText("note", note, 500);
        var s = issues.OptionalText("source", source, 500);
        issues.ThrowIfErrors("alternate name");
        return new AlternateName(n, l, o, s);
    }
}

/// <summary>
/// A place's names by language and side: English as the project uses it, Armenian, Azerbaijani and Russian, the name
/// exactly as in the source, and alternates. Names differ by side (Stepanakert/Khankendi, Shushi/Shusha): keep them all.
/// </summary>
public sealed record PlaceNames
{
    private PlaceNames(string english, string? armenian, string? azerbaijani, string? russian, string? sourceName, ValueList<AlternateName> alternates)
    {
        English = english;
        Armenian = armenian;
        Azerbaijani = azerbaijani;
        Russian = russian;
        SourceName = sourceName;
        Alternates = alternates;
    }

    /// <summary>The English name as the project uses it (GeoJSON <c>name</c>).</summary>
    public string English { get; }

    /// <summary>The Armenian name in Armenian script (<c>name_hy</c>), or null.</summary>
    public string? Armenian { get; }

    /// <summary>The Azerbaijani name (<c>name_az</c>), or null.</summary>
    public string? Azerbaijani { get; }

    /// <summary>The Russian name (<c>name_ru</c>), or null.</summary>
    public string? Russian { get; }

    /// <summary>The name exactly as in the coordinate source (<c>source_name</c>), or null.</summary>
    public string? SourceName { get; }

    /// <summary>Alternate names (<c>alternates</c>).</summary>
    public ValueList<AlternateName> Alternates { get; }

    /// <summary>Every distinct name, English first (for search).</summary>
    public IEnumerable<string> All =>
        new[] { English, Armenian, Azerbaijani, Russian, SourceName }
            .Concat(Alternates.Select(a => a.Name))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    /// <summary>Creates the names.</summary>
    /// <param name="english">The English name (required), at most 200 characters.</param>
    /// <param name="armenian">The Armenian name, or null.</param>
    /// <param name="azerbaijani">The Azerbaijani name, or null.</param>
    /// <param name="russian">The Russian name, or null.</param>
    /// <param name="sourceName">The name as in the source, or null.</param>
    /// <param name="alternates">Alternate names, or null.</param>
    /// <returns>The names.</returns>
    /// <exception cref="RecordValidationException">The English name is missing or a name is too long.</exception>
    public static PlaceNames Create(string english, string? armenian = null, string? azerbaijani = null, string? russian = null, string? sourceName = null, IEnumerable<AlternateName>? alternates = null)
    {
        var issues = new IssueCollector();
        var en = issues.Text("name", english, 200);
        var hy = issues.OptionalText("name_hy", armenian, 200);
        var az = issues.OptionalText("name_az", azerbaijani, 200);
        var ru = issues.OptionalText("name_ru", russian, 200);
        var src = issues.OptionalText("source_name", sourceName, 200);
        issues.ThrowIfErrors("place names");
        return new PlaceNames(en, hy, az, ru, src, ValueList.From(alternates));
    }

    /// <summary>The same names with more alternates (duplicates of an existing name and language are skipped).</summary>
    /// <param name="more">The alternates to add.</param>
    /// <returns>The names.</returns>
    public PlaceNames WithAlternates(IEnumerable<AlternateName> more)
    {
        var merged = Alternates.ToList();
        foreach (var a in more)
        {
            if (!merged.Any(m => m.Name == a.Name && m.Language == a.Language))
            {
                merged.Add(a);
            }
        }

        return new PlaceNames(English, Armenian, Azerbaijani, Russian, SourceName, ValueList.From(merged));
    }
}

/// <summary>A sourced place: a settlement or feature's reference point (GeoNames), with its names by side.</summary>
public sealed record Place
{
    private Place(string id, PlaceNames names, GeoPosition position, string country, string? admin1, string? featureType, string source, string? sourceRef, long? geoNamesId, long? whosOnFirstId, string? note)
    {
        Id = id;
        Names = names;
        Position = position;
        Country = country;
        Admin1 = admin1;
        FeatureType = featureType;
        Source = source;
        SourceRef = sourceRef;
        GeoNamesId = geoNamesId;
        WhosOnFirstId = whosOnFirstId;
        Note = note;
    }

    /// <summary>The stable id (<c>sev-lich</c>).</summary>
    public string Id { get; }

    /// <summary>The names.</summary>
    public PlaceNames Names { get; }

    /// <summary>The reference point (a GeoNames point is a reference, not a centroid or an outline).</summary>
    public GeoPosition Position { get; }

    /// <summary>The country the place belongs to, ISO 3166-1 alpha-2.</summary>
    public string Country { get; }

    /// <summary>The first-level unit containing the point per the shipped (coarse) regions, or null.</summary>
    public string? Admin1 { get; }

    /// <summary>What kind of feature (town, village, ...), or null.</summary>
    public string? FeatureType { get; }

    /// <summary>Where the coordinates come from (dataset and licence), at most 500 characters.</summary>
    public string Source { get; }

    /// <summary>The exact record in the source, or null.</summary>
    public string? SourceRef { get; }

    /// <summary>The GeoNames id, or null.</summary>
    public long? GeoNamesId { get; }

    /// <summary>The Who's On First id, or null.</summary>
    public long? WhosOnFirstId { get; }

    /// <summary>A note on the place (caveats), or null.</summary>
    public string? Note { get; }

    /// <summary>The point as an EPSG:4326 geometry (X = longitude).</summary>
    public Point ToPoint() => GeometryFactories.Wgs84.CreatePoint(new Coordinate(Position.LongitudeDegrees, Position.LatitudeDegrees));

    /// <summary>Creates a place.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="names">The names.</param>
    /// <param name="position">The reference point; longitude in [-180, 180].</param>
    /// <param name="country">ISO 3166-1 alpha-2.</param>
    /// <param name="source">Where the coordinates come from (required).</param>
    /// <param name="admin1">The containing first-level unit id, or null.</param>
    /// <param name="featureType">The kind of feature, or null.</param>
    /// <param name="sourceRef">The exact record in the source, or null.</param>
    /// <param name="geoNamesId">The GeoNames id (positive), or null.</param>
    /// <param name="whosOnFirstId">The Who's On First id (positive), or null.</param>
    /// <param name="note">A note, or null.</param>
    /// <returns>The place.</returns>
    /// <exception cref="RecordValidationException">A value is missing or invalid; the issues name the fields.</exception>
    public static Place Create(
        string id,
        PlaceNames names,
        GeoPosition position,
        string country,
        string source,
        string? admin1 = null,
        string? featureType = null,
        string? sourceRef = null,
        long? geoNamesId = null,
        long? whosOnFirstId = null,
        string? note = null)
    {
        var issues = new IssueCollector();
        var placeId = issues.Id("id", id);
        if (names is null)
        {
            issues.Error(ValidationCodes.Required, "name", "names are required");
        }

        if (position.LongitudeDegrees is < -180 or > 180)
        {
            issues.Error(ValidationCodes.OutOfRange, "geometry", $"longitude {position.LongitudeDegrees} is outside [-180, 180]");
        }

        if (!CountryCodes.IsAlpha2(country))
        {
            issues.Error(ValidationCodes.InvalidFormat, "country", $"'{country}' is not an ISO 3166-1 alpha-2 code");
        }

        var src = issues.Text("source", source, 500);
        var adm = issues.OptionalId("admin1", admin1);
        var type = issues.OptionalText("feature_type", featureType, 200);
        var sref = issues.OptionalText("source_ref", sourceRef, 500);
        if (geoNamesId is <= 0)
        {
            issues.Error(ValidationCodes.OutOfRange, "geonames_id", "a GeoNames id is positive");
        }

        if (whosOnFirstId is <= 0)
        {
            issues.Error(ValidationCodes.OutOfRange, "wof_id", "a Who's On First id is positive");
        }

        var text = issues.OptionalText("note", note, 2_000);
        issues.ThrowIfErrors("place");
        return new Place(placeId, names!, position, country, adm, type, src, sref, geoNamesId, whosOnFirstId, text);
    }

    /// <summary>The same place with other names.</summary>
    /// <param name="names">The names.</param>
    /// <returns>The place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    public Place WithNames(PlaceNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new Place(Id, names, Position, Country, Admin1, FeatureType, Source, SourceRef, GeoNamesId, WhosOnFirstId, Note);
    }
}
