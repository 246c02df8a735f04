using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.ShippedData;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Units;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Core.Seed;

/// <summary>
/// The shipped data read into the model and validated: regions, reference lines and places from the boundary files
/// (via <see cref="ShippedDataSet"/>, whose feature lists stay available as <see cref="Shipped"/>), and the seed
/// incidents, claims, parties, sources, zones and control events from <c>data/incidents/</c> (layout in
/// data/incidents/README.md). Claims are attached to their incidents; incidents and claims carry the warnings found.
/// </summary>
public sealed class SeedData
{
    /// <summary>The folder of the seed records inside the data folder.</summary>
    public const string IncidentsFolder = "incidents";

    /// <summary>
    /// The positional accuracy stated for Natural Earth 1:10m outlines: 5 km p95, assumed (0.5 mm at 1:10,000,000).
    /// Where Armenia's and Azerbaijan's outlines meet it was measured (median 0.9 km, p95 2.9 km, max 4.3 km).
    /// </summary>
    public static PositionalAccuracy NaturalEarthOutlineAccuracy { get; } = PositionalAccuracy.Create(
        Length.FromKilometers(5),
        assumed: true,
        note: "Natural Earth 1:10m: 0.5 mm at 1:10,000,000 is 5 km, taken as the p95 of the outlines (assumed). Where the Armenia and Azerbaijan outlines meet, measured against OSM 2020: median 0.9 km, p95 2.9 km, max 4.3 km (data/SOURCES.md). Internal (admin-1) boundaries are coarser and were not assessed: do not decide point-in-district near them.");

    private SeedData(
        ShippedDataSet shipped,
        IReadOnlyList<Region> regions,
        IReadOnlyList<ReferenceLine> referenceLines,
        IReadOnlyList<Place> places,
        IReadOnlyList<Party> parties,
        IReadOnlyList<Source> sources,
        IReadOnlyList<Zone> zones,
        IReadOnlyList<ControlEvent> controlEvents,
        IReadOnlyList<Incident> incidents,
        RegionIndex regionIndex,
        IReadOnlyList<string> warnings)
    {
        Shipped = shipped;
        Regions = regions;
        ReferenceLines = referenceLines;
        Places = places;
        Parties = parties;
        Sources = sources;
        Zones = zones;
        ControlEvents = controlEvents;
        Incidents = incidents;
        RegionIndex = regionIndex;
        Warnings = warnings;
    }

    /// <summary>The data folder.</summary>
    public string Directory => Shipped.Directory;

    /// <summary>The boundary and place data as feature lists (what the server serves today).</summary>
    public ShippedDataSet Shipped { get; }

    /// <summary>Countries and first-level units.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>The reference lines.</summary>
    public IReadOnlyList<ReferenceLine> ReferenceLines { get; }

    /// <summary>The places, with the alternate names of data/places/alternate-names.json merged in.</summary>
    public IReadOnlyList<Place> Places { get; }

    /// <summary>The parties.</summary>
    public IReadOnlyList<Party> Parties { get; }

    /// <summary>The sources.</summary>
    public IReadOnlyList<Source> Sources { get; }

    /// <summary>The zones (geometry null until the analyses derive it).</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>The control events.</summary>
    public IReadOnlyList<ControlEvent> ControlEvents { get; }

    /// <summary>The incidents, each with its claims attached and warnings flagged.</summary>
    public IReadOnlyList<Incident> Incidents { get; }

    /// <summary>Every claim: those of <see cref="Incidents"/>, grouped by incident.</summary>
    public IEnumerable<Claim> Claims => Incidents.SelectMany(i => i.Claims);

    /// <summary>The regions prepared for spatial checks.</summary>
    public RegionIndex RegionIndex { get; }

    /// <summary>Every warning found, as <c>file: record: field: message</c> (they are also stored on incidents and claims).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Reads and validates the shipped data.</summary>
    /// <param name="directory">The data folder; <see cref="ShippedDataSet.LocateDirectory"/> when null.</param>
    /// <param name="clock">The clock for future-date warnings; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The data.</returns>
    /// <exception cref="DirectoryNotFoundException">No data folder is found.</exception>
    /// <exception cref="SeedDataException">A file is missing or malformed, or records are invalid or refer to unknown ids; every problem is listed.</exception>
    public static SeedData Load(string? directory = null, TimeProvider? clock = null) => FromShipped(ShippedDataSet.Load(directory), clock);

    /// <summary>Reads the model from an already loaded <see cref="ShippedDataSet"/> and the seed files beside it.</summary>
    /// <param name="shipped">The shipped feature data.</param>
    /// <param name="clock">The clock for future-date warnings; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The data.</returns>
    /// <exception cref="SeedDataException">A file is missing or malformed, or records are invalid or refer to unknown ids; every problem is listed.</exception>
    public static SeedData FromShipped(ShippedDataSet shipped, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        var loader = new Loader(shipped.Directory);
        var regions = loader.Regions(shipped.Regions);
        var lines = loader.ReadFiles(ModelFeatures.ReferenceLines, System.IO.Directory.EnumerateFiles(Path.Combine(shipped.Directory, "reference-lines"), "*.geojson", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var places = loader.MergeAlternates(loader.ReadFiles(ModelFeatures.Places, [Path.Combine(shipped.Directory, "places", "places.geojson")]));
        var sources = loader.ReadFiles(ModelFeatures.Sources, [loader.SeedFile("sources.geojson")]);
        var options = new GeoJsonReadOptions { Sources = sources.GroupBy(s => s.Id, RecordIds.Comparer).ToDictionary(g => g.Key, g => g.First(), RecordIds.Comparer) };
        var parties = loader.ReadFiles(ModelFeatures.Parties, [loader.SeedFile("parties.geojson")]);
        var zones = loader.ReadFiles(ModelFeatures.Zones, [loader.SeedFile("zones.geojson")], options);
        var events = loader.ReadFiles(ModelFeatures.ControlEvents, [loader.SeedFile("control-events.geojson")], options);
        var incidents = loader.ReadFiles(ModelFeatures.Incidents, [loader.SeedFile("incidents.geojson")], options);
        var claims = loader.ReadFiles(ModelFeatures.Claims, [loader.SeedFile("claims.geojson")], options);
        loader.ThrowIfProblems();

        foreach (var (name, ids) in new (string, IEnumerable<string>)[]
        {
            ("regions", regions.Select(r => r.Id)), ("reference lines", lines.Select(l => l.Id)), ("places", places.Select(p => p.Id)),
            ("sources", sources.Select(s => s.Id)), ("parties", parties.Select(p => p.Id)), ("zones", zones.Select(z => z.Id)),
            ("control events", events.Select(e => e.Id)), ("incidents", incidents.Select(i => i.Id)), ("claims", claims.Select(c => c.Id)),
        })
        {
            foreach (var dup in ids.GroupBy(i => i, RecordIds.Comparer).Where(g => g.Count() > 1))
            {
                loader.Problem($"{name}: the id '{dup.Key}' is used {dup.Count()} times");
            }
        }

        loader.ThrowIfProblems();
        var regionIndex = new RegionIndex(regions);
        var catalog = new ReferenceCatalog
        {
            PartyIds = ReferenceCatalog.IdsOf(parties, p => p.Id),
            PlaceIds = ReferenceCatalog.IdsOf(places, p => p.Id),
            RegionIds = ReferenceCatalog.IdsOf(regions, r => r.Id),
            ReferenceLineIds = ReferenceCatalog.IdsOf(lines, l => l.Id),
            IncidentIds = ReferenceCatalog.IdsOf(incidents, i => i.Id),
            ZoneIds = ReferenceCatalog.IdsOf(zones, z => z.Id),
        };
        var validator = new RecordValidator(regionIndex, clock ?? TimeProvider.System, catalog);
        var warnings = new List<string>();
        void Check(string file, string id, ValidationReport report)
        {
            foreach (var issue in report.Issues)
            {
                var line = $"{file}: {id}: {FeatureContext.PathOf(issue.Field)}: {issue.Message}";
                if (issue.Severity == ValidationSeverity.Error)
                {
                    loader.Problem(line);
                }
                else
                {
                    warnings.Add(line);
                }
            }
        }

        foreach (var p in places)
        {
            Check("places/places.geojson", p.Id, validator.Validate(p));
        }

        foreach (var s in sources)
        {
            Check("incidents/sources.geojson", s.Id, validator.Validate(s));
        }

        foreach (var z in zones)
        {
            Check("incidents/zones.geojson", z.Id, validator.Validate(z));
        }

        foreach (var e in events)
        {
            Check("incidents/control-events.geojson", e.Id, validator.Validate(e));
        }

        var flaggedClaims = new List<Claim>();
        foreach (var c in claims)
        {
            var report = validator.Validate(c);
            Check("incidents/claims.geojson", c.Id, report);
            flaggedClaims.Add(report.HasErrors ? c : c.WithWarnings(report.Warnings));
        }

        var flagged = new List<Incident>();
        foreach (var i in incidents)
        {
            var report = validator.Validate(i);
            Check("incidents/incidents.geojson", i.Id, report);
            var own = flaggedClaims.Where(c => c.IncidentId == i.Id).ToList();
            flagged.Add(i.WithClaims(i.Claims.Concat(own).ToList()).WithWarnings(report.Warnings));
        }

        loader.ThrowIfProblems();
        return new SeedData(shipped, regions, lines, places, parties, sources, zones, events, flagged, regionIndex, warnings);
    }

    private sealed class Loader(string directory)
    {
        private readonly List<string> _problems = [];

        public string SeedFile(string name) => Path.Combine(directory, IncidentsFolder, name);

        public void Problem(string message) => _problems.Add(message);

        public void ThrowIfProblems()
        {
            if (_problems.Count > 0)
            {
                throw new SeedDataException(directory, _problems.ToList());
            }
        }

        public List<T> ReadFiles<T>(FeatureMapper<T> mapper, IEnumerable<string> files, GeoJsonReadOptions? options = null)
            where T : class
        {
            var records = new List<T>();
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(directory, file);
                if (!File.Exists(file))
                {
                    Problem($"{relative}: the file is missing");
                    continue;
                }

                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(File.ReadAllBytes(file));
                }
                catch (JsonException ex)
                {
                    Problem($"{relative}: not JSON ({ex.Message})");
                    continue;
                }

                using (doc)
                {
                    if (!doc.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                    {
                        Problem($"{relative}: not a GeoJSON FeatureCollection");
                        continue;
                    }

                    var number = 0;
                    foreach (var f in features.EnumerateArray())
                    {
                        var result = mapper.Read(f, ++number, options);
                        if (result.IsValid)
                        {
                            records.Add(result.Value!);
                        }
                        else
                        {
                            _problems.AddRange(result.Errors.Select(e => $"{relative}: {e}"));
                        }
                    }
                }
            }

            return records;
        }

        public List<Region> Regions(IReadOnlyList<IFeature> features)
        {
            var regions = new List<Region>(features.Count);
            foreach (var f in features)
            {
                var a = f.Attributes;
                string? Text(string name) => a.Exists(name) ? a[name]?.ToString() : null;
                var id = Text("id") ?? string.Empty;
                try
                {
                    var geometry = f.Geometry switch
                    {
                        MultiPolygon mp => mp,
                        Polygon p => p.Factory.CreateMultiPolygon([p]),
                        _ => throw new InvalidDataException($"region '{id}' is a {f.Geometry?.GeometryType ?? "null"}, not a (Multi)Polygon"),
                    };
                    if (!WireNames.TryParse<RegionKind>(Text("kind"), out var kind))
                    {
                        throw new InvalidDataException($"region '{id}' has an unknown kind '{Text("kind")}'");
                    }

                    regions.Add(Region.Create(id, kind, Text("name") ?? string.Empty, Text("country") ?? string.Empty, geometry, Text("source") ?? string.Empty, Text("licence") ?? string.Empty, NaturalEarthOutlineAccuracy, Text("name_local"), Text("iso_3166")));
                }
                catch (Exception ex) when (ex is InvalidDataException or RecordValidationException)
                {
                    Problem($"regions: {id}: {ex.Message}");
                }
            }

            return regions;
        }

        public List<Place> MergeAlternates(List<Place> places)
        {
            var file = Path.Combine(directory, "places", "alternate-names.json");
            var relative = Path.GetRelativePath(directory, file);
            if (!File.Exists(file))
            {
                return places;
            }

            var byId = places.ToDictionary(p => p.Id, RecordIds.Comparer);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!doc.RootElement.TryGetProperty("places", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                Problem($"{relative}: expected an object with a \"places\" object keyed by place id");
                return places;
            }

            foreach (var entry in entries.EnumerateObject())
            {
                if (!byId.TryGetValue(entry.Name, out var place))
                {
                    Problem($"{relative}: places.{entry.Name}: unknown place id (known: {string.Join(", ", byId.Keys.Order(StringComparer.Ordinal))})");
                    continue;
                }

                var alternates = new List<AlternateName>();
                var i = 0;
                foreach (var item in entry.Value.ValueKind == JsonValueKind.Array ? entry.Value.EnumerateArray() : default)
                {
                    string? Text(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    try
                    {
                        alternates.Add(AlternateName.Create(Text("name") ?? string.Empty, Text("lang"), Text("note"), Text("source")));
                    }
                    catch (RecordValidationException ex)
                    {
                        Problem($"{relative}: places.{entry.Name}[{i}]: {ex.Message}");
                    }

                    i++;
                }

                byId[entry.Name] = place.WithNames(place.Names.WithAlternates(alternates));
            }

            return places.Select(p => byId[p.Id]).ToList();
        }
    }
}

/// <summary>The shipped data could not be loaded; <see cref="Problems"/> lists every problem (file, feature, field).</summary>
public sealed class SeedDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="problems">Every problem found.</param>
    public SeedDataException(string directory, IReadOnlyList<string> problems)
        : base($"The data in '{directory}' has {problems?.Count ?? 0} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem, one per line: <c>file: feature N: field: message</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
