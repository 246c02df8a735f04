using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GeoIncidents.Core.Analysis;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Storage;
using GeoIncidents.Core.Validation;
using GeoIncidents.Geodesy.Geometries;
using GeoIncidents.Storage.GeoPackage;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace GeoIncidents.Storage.Interchange;

/// <summary>Which boundary collection an import writes.</summary>
public enum BoundaryLayer
{
    /// <summary><c>regions</c>: Polygon or MultiPolygon features with <c>id</c>, <c>kind</c>, <c>name</c>, <c>country</c>.</summary>
    Regions,

    /// <summary><c>reference-lines</c>: LineString or MultiLineString features with <c>id</c>, <c>name</c>, left and right country.</summary>
    ReferenceLines,

    /// <summary><c>zones</c>: features with <c>id</c>, <c>name</c>, <c>kind</c>, <c>controlled_by</c>, <c>valid_from</c>.</summary>
    Zones,
}

/// <summary>Names of <see cref="BoundaryLayer"/> values.</summary>
public static class BoundaryLayers
{
    /// <summary>Parses a <c>--layer</c> value.</summary>
    /// <param name="name"><c>regions</c>, <c>reference-lines</c> or <c>zones</c>.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static BoundaryLayer Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "regions" => BoundaryLayer.Regions,
        "reference-lines" or "reference_lines" => BoundaryLayer.ReferenceLines,
        "zones" => BoundaryLayer.Zones,
        _ => throw new ArgumentException($"unknown layer '{name}' (regions, reference-lines, zones)", nameof(name)),
    };
}

/// <summary>What the user states about the boundaries of a file.</summary>
/// <param name="Layer">The target collection.</param>
/// <param name="Source">Where they come from (stored on every record).</param>
/// <param name="Licence">Their licence.</param>
/// <param name="AccuracyP95Meters">Stated positional accuracy, 95th percentile, metres (recorded as not assumed).</param>
/// <param name="LeftCountry">Reference lines: the left country (alpha-2) for features that do not name one.</param>
/// <param name="RightCountry">Reference lines: the right country (alpha-2) for features that do not name one.</param>
public sealed record BoundaryImport(BoundaryLayer Layer, string Source, string Licence, double AccuracyP95Meters, string? LeftCountry = null, string? RightCountry = null);

/// <summary>
/// Imports users' own boundaries (regions, reference lines, zones) from GeoJSON, a GeoPackage feature table or an
/// Esri Shapefile, so that a better or official border sits beside the shipped ones. All or nothing, one batch
/// revision, written by id (re-importing updates). Nothing is reprojected: the input must be WGS 84 (EPSG:4326): a
/// GeoPackage layer's srs must be EPSG:4326 and a Shapefile needs a .prj of geographic WGS 84; anything else is
/// refused with a message. Every record gets the stated source, licence and p95 accuracy (not assumed); zones get
/// the accuracy as their uncertainty radius and the source as a source entry. Reference lines are oriented so that
/// their left country lies on the left of every part (<see cref="LineOrientation"/>): a part that runs the other way
/// is reversed and the result says so; an ambiguous part rejects the file. Shapefile field names are cut to 10
/// characters by the format (GDAL writes <c>left_country</c> as <c>left_count</c>); such names are mapped back.
/// </summary>
public static class BoundaryImporter
{
    private static readonly string[] RegionProperties = ["kind", "name", "name_local", "iso_3166", "country"];
    private static readonly string[] LineProperties = ["name", "left_country", "right_country", "valid_from", "valid_to", "as_of", "attribution", "parts"];
    private static readonly string[] ZoneProperties = ["name", "kind", "controlled_by", "valid_from", "valid_to", "derivation", "note"];

    /// <summary>Imports a file of boundaries.</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The file (.geojson/.json, .geojsonl/.geojsons, .gpkg, .shp).</param>
    /// <param name="format">Its format.</param>
    /// <param name="boundaries">The target layer and what the user states about the data.</param>
    /// <param name="options">Actor, clock, progress and error callbacks; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the import (nothing is written).</param>
    /// <returns>Accepted or rejected, with every error and the orientation fixes.</returns>
    /// <exception cref="ArgumentException">The source or licence is empty, or the accuracy is not a positive number of metres.</exception>
    public static async Task<ImportResult> ImportAsync(IGeoIncidentStore store, string path, ImportFormat format, BoundaryImport boundaries,
        ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentException.ThrowIfNullOrWhiteSpace(boundaries.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(boundaries.Licence);
        if (!(boundaries.AccuracyP95Meters > 0) || !double.IsFinite(boundaries.AccuracyP95Meters))
        {
            throw new ArgumentException("--accuracy-p95-m is a positive number of metres", nameof(boundaries));
        }

        options ??= new ImportOptions();
        var source = await SourceOfAsync(path, format, cancellationToken).ConfigureAwait(false);
        var context = await ImportContext.LoadAsync(store, options.Clock, cancellationToken).ConfigureAwait(false);
        var run = new ImportRun(options, new FileInfo(path).Length);
        var notes = new List<string>();
        var writes = new List<RecordWrite>();
        try
        {
            await foreach (var (number, feature, error) in ReadFeaturesAsync(path, format, cancellationToken).ConfigureAwait(false))
            {
                if (error is not null)
                {
                    run.Bad([error]);
                    continue;
                }

                var (write, problems, note) = Map(feature!.Value, number, boundaries, context);
                if (problems.Count > 0)
                {
                    run.Bad(problems);
                    continue;
                }

                run.Good(false);
                writes.Add(write!);
                if (note is not null)
                {
                    notes.Add(note);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            run.Fail(0, "file: " + ex.Message);
        }

        if (run.Records == 0 && !run.Rejected)
        {
            run.Fail(0, "the file holds no features");
        }

        if (run.Rejected)
        {
            return run.Result(false, null, source, notes);
        }

        try
        {
            var batch = await store.WriteBatchAsync(ToAsync(writes), source, options.Actor, run, cancellationToken).ConfigureAwait(false);
            return run.Result(true, batch, source, notes);
        }
        catch (Exception ex) when (ex is StoreException or RecordValidationException)
        {
            run.Fail(0, "store: " + ex.Message);
            return run.Result(false, null, source, notes);
        }
    }

    private static (RecordWrite? Write, List<string> Problems, string? Note) Map(JsonElement feature, int number, BoundaryImport b, ImportContext context)
    {
        var problems = new List<string>();
        var where = "feature " + number.ToString(CultureInfo.InvariantCulture);
        JsonObject node;
        try
        {
            node = JsonNode.Parse(feature.GetRawText())!.AsObject();
        }
        catch (JsonException ex)
        {
            problems.Add($"{where}: {ex.Message}");
            return (null, problems, null);
        }

        if (node["properties"] is not JsonObject props)
        {
            node["properties"] = props = [];
        }

        RestoreTruncatedNames(props, b.Layer switch
        {
            BoundaryLayer.Regions => RegionProperties,
            BoundaryLayer.ReferenceLines => LineProperties,
            _ => ZoneProperties,
        });
        var reasoning = string.Create(CultureInfo.InvariantCulture, $"p95 positional accuracy {b.AccuracyP95Meters} m, stated by the importer; licence {b.Licence}");
        if (b.Layer == BoundaryLayer.Zones)
        {
            var title = "Boundary data (licence: " + b.Licence + ")";
            props["sources"] = new JsonArray(new JsonObject { ["publisher"] = b.Source, ["title"] = title });
            props["uncertainty_m"] = b.AccuracyP95Meters;
            props["uncertainty_reasoning"] = reasoning;
        }
        else
        {
            props["source"] = b.Source;
            props["licence"] = b.Licence;
            props["accuracy_p95_m"] = b.AccuracyP95Meters;
            props["accuracy_assumed"] = false;
            props.Remove("accuracy_median_m");
            props.Remove("accuracy_max_m");
            props["accuracy_note"] = "stated by the importer (--accuracy-p95-m)";
        }

        if (b.Layer == BoundaryLayer.ReferenceLines)
        {
            props["left_country"] = b.LeftCountry ?? props["left_country"]?.DeepClone();
            props["right_country"] = b.RightCountry ?? props["right_country"]?.DeepClone();
            foreach (var side in new[] { "left_country", "right_country" })
            {
                if (props[side] is null)
                {
                    problems.Add($"{where}: properties.{side}: required: name the countries on each side (--left-country/--right-country or a {side} property)");
                }
            }
        }

        if (b.Layer is BoundaryLayer.Regions or BoundaryLayer.Zones && props["kind"] is null)
        {
            var kinds = b.Layer == BoundaryLayer.Regions ? WireNames.All<RegionKind>() : WireNames.All<ZoneKind>();
            problems.Add($"{where}: properties.kind: required ({string.Join(", ", kinds)})");
        }

        if (problems.Count > 0)
        {
            return (null, problems, null);
        }

        var element = JsonSerializer.SerializeToElement(node);
        switch (b.Layer)
        {
            case BoundaryLayer.Regions:
                var region = ModelFeatures.Regions.Read(element, number);
                return region.IsValid ? (RecordWrite.Put(region.Value!), problems, null) : (null, [.. region.Errors.Select(e => e.ToString())], null);
            case BoundaryLayer.Zones:
                var zone = ModelFeatures.Zones.Read(element, number);
                if (!zone.IsValid)
                {
                    return (null, [.. zone.Errors.Select(e => e.ToString())], null);
                }

                var report = context.Validator.Validate(zone.Value!);
                if (report.HasErrors)
                {
                    return (null, [.. report.Errors.Select(e => $"{where}: {e.Field}: {e.Message}")], null);
                }

                try
                {
                    // A corridor given by its derivation only is stored with the outline it gives, as the seeded one is.
                    return (RecordWrite.Put(context.Materialise(zone.Value!)), problems, null);
                }
                catch (AnalysisException ex)
                {
                    return (null, [$"{where}: derivation: the corridor cannot be computed: {ex.Message}"], null);
                }
            default:
                var read = ModelFeatures.ReferenceLines.Read(element, number);
                if (!read.IsValid)
                {
                    return (null, [.. read.Errors.Select(e => e.ToString())], null);
                }

                return Orient(read.Value!, where, context);
        }
    }

    private static (RecordWrite? Write, List<string> Problems, string? Note) Orient(ReferenceLine line, string where, ImportContext context)
    {
        var left = context.Regions.FirstOrDefault(r => r.Id == line.LeftCountry);
        var right = context.Regions.FirstOrDefault(r => r.Id == line.RightCountry);
        if (left is null)
        {
            return (null, [$"{where}: left_country: the store has no region '{line.LeftCountry}' to check which side of the line it is on (import the country's outline first)"], null);
        }

        IReadOnlyList<PartOrientation> verdicts;
        try
        {
            verdicts = LineOrientation.Check(line.Geometry, left.Geometry, right?.Geometry);
        }
        catch (InvalidDataException ex)
        {
            return (null, [$"{where}: geometry: {ex.Message}"], null);
        }

        var reversed = verdicts.Where(v => v.Reverse).Select(v => v.Part).ToList();
        if (reversed.Count == 0)
        {
            return (RecordWrite.Put(line), [], null);
        }

        var oriented = ReferenceLine.Create(line.Id, line.Name, line.LeftCountry, line.RightCountry, LineOrientation.Apply(line.Geometry, verdicts), line.Source,
            line.Licence, line.Accuracy, line.ValidFrom, line.ValidTo, line.AsOf, line.Attribution, line.Parts);
        var note = $"reference line '{line.Id}': part{(reversed.Count == 1 ? string.Empty : "s")} {string.Join(", ", reversed)} reversed so that {line.LeftCountry} lies on the left (DESIGN.md: every part runs with its left_country on its left)";
        return (RecordWrite.Put(oriented), [], note);
    }

    /// <summary>dBASE field names hold at most 10 characters: map <c>left_count</c> back to <c>left_country</c>, etc.</summary>
    private static void RestoreTruncatedNames(JsonObject props, IEnumerable<string> names)
    {
        foreach (var name in names.Where(n => n.Length > 10))
        {
            var cut = name[..10];
            if (props[name] is null && props.ContainsKey(cut))
            {
                var value = props[cut]?.DeepClone();
                props.Remove(cut);
                props[name] = value;
            }
        }
    }

    private static async IAsyncEnumerable<(int Number, JsonElement? Feature, string? Error)> ReadFeaturesAsync(string path, ImportFormat format,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        switch (format)
        {
            case ImportFormat.GeoJson or ImportFormat.GeoJsonSeq:
                var stream = File.OpenRead(path);
                await using (stream.ConfigureAwait(false))
                {
                    var raw = format == ImportFormat.GeoJson ? GeoJsonFeatureStreams.ReadFeatureCollectionAsync(stream, ct) : GeoJsonFeatureStreams.ReadSequenceAsync(stream, ct);
                    await foreach (var f in raw.WithCancellation(ct).ConfigureAwait(false))
                    {
                        if (f.Element is { } e && IncidentImporter.IsMetadataRecord(e))
                        {
                            continue;
                        }

                        yield return (f.Number, f.Element, f.Error?.ToString());
                    }
                }

                break;
            case ImportFormat.GeoPackage:
                var number = 0;
                foreach (var feature in ReadGeoPackage(path))
                {
                    yield return (++number, JsonSerializer.SerializeToElement<IFeature>(feature, GeoJsonSerialization.Options), null);
                }

                break;
            case ImportFormat.Shapefile:
                var n = 0;
                foreach (var feature in ReadShapefile(path))
                {
                    yield return (++n, JsonSerializer.SerializeToElement<IFeature>(feature, GeoJsonSerialization.Options), null);
                }

                break;
            default:
                throw new InvalidDataException($"boundaries are imported from geojson, geojsonseq, gpkg or shp, not {format.Name()}");
        }
    }

    /// <summary>The features of the GeoPackage's feature table (the only one, or the one named like the target layer).</summary>
    private static IEnumerable<IFeature> ReadGeoPackage(string path)
    {
        using var connection = GpkgConnection.Open(path, readOnly: true, pooling: false);
        if (!GpkgFile.IsGeoPackage(connection))
        {
            throw new InvalidDataException($"'{Path.GetFileName(path)}' is not a GeoPackage");
        }

        var layers = new List<(string Table, string Column, int SrsId, string Organization, long Code)>();
        using (var command = GpkgFile.Command(connection, null, """
            SELECT g.table_name, g.column_name, g.srs_id, coalesce(s.organization, ''), coalesce(s.organization_coordsys_id, -1)
            FROM gpkg_geometry_columns AS g LEFT JOIN gpkg_spatial_ref_sys AS s ON s.srs_id = g.srs_id ORDER BY g.table_name
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                layers.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt64(4)));
            }
        }

        if (layers.Count != 1)
        {
            throw new InvalidDataException(layers.Count == 0
                ? "the GeoPackage has no feature table"
                : $"the GeoPackage has {layers.Count} feature tables ({string.Join(", ", layers.Select(l => l.Table))}); import a file with one (ogr2ogr out.gpkg in.gpkg LAYER)");
        }

        var layer = layers[0];
        if (!(layer.SrsId == GpkgFile.Wgs84SrsId || (layer.Organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase) && layer.Code == 4326)))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"layer '{layer.Table}' is in {(layer.Organization.Length == 0 ? "srs_id " + layer.SrsId : layer.Organization + ":" + layer.Code)}; GeoIncidents stores WGS 84 (EPSG:4326) and reprojects nothing: convert it first (ogr2ogr -t_srs EPSG:4326 out.gpkg in.gpkg)"));
        }

        using var select = GpkgFile.Command(connection, null, $"SELECT * FROM {GpkgIdentifier.Quote(layer.Table)}");
        using var rows = select.ExecuteReader();
        while (rows.Read())
        {
            var attributes = new AttributesTable();
            NetTopologySuite.Geometries.Geometry? geometry = null;
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var name = rows.GetName(i);
                if (name.Equals(layer.Column, StringComparison.OrdinalIgnoreCase))
                {
                    geometry = rows.IsDBNull(i) ? null : GpkgBlob.Read((byte[])rows.GetValue(i));
                    continue;
                }

                if (name.Equals("fid", StringComparison.OrdinalIgnoreCase) || rows.IsDBNull(i))
                {
                    continue;
                }

                attributes.Add(name, rows.GetValue(i) is byte[] ? null : rows.GetValue(i));
            }

            yield return new Feature(geometry is { IsEmpty: false } ? geometry : null, attributes);
        }
    }

    /// <summary>The features of a Shapefile whose .prj says geographic WGS 84.</summary>
    private static Feature[] ReadShapefile(string path)
    {
        var prj = Path.ChangeExtension(path, ".prj");
        if (!File.Exists(prj))
        {
            throw new InvalidDataException($"'{Path.GetFileName(path)}' has no .prj, so its coordinate system is unknown; GeoIncidents needs WGS 84 (EPSG:4326) and reprojects nothing (ogr2ogr -t_srs EPSG:4326 -f \"ESRI Shapefile\" out.shp in.shp)");
        }

        var wkt = File.ReadAllText(prj);
        if (!IsGeographicWgs84(wkt))
        {
            throw new InvalidDataException($"'{Path.GetFileName(prj)}' is not geographic WGS 84 ({Shorten(wkt)}); GeoIncidents stores EPSG:4326 and reprojects nothing: convert it first (ogr2ogr -t_srs EPSG:4326 -f \"ESRI Shapefile\" out.shp in.shp)");
        }

        var features = Shapefile.ReadAllFeatures(path, new ShapefileReaderOptions { Factory = GeometryFactories.Wgs84 });
        foreach (var feature in features)
        {
            foreach (var name in feature.Attributes.GetNames())
            {
                switch (feature.Attributes[name])
                {
                    // dBASE dates come back as DateTime; the model reads calendar dates as yyyy-MM-dd.
                    case DateTime d:
                        feature.Attributes[name] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        break;
                    case string s when s.Trim().Length == 0:
                        feature.Attributes[name] = null;
                        break;
                    case string s:
                        feature.Attributes[name] = s.Trim();
                        break;
                }
            }
        }

        return features;
    }

    /// <summary>
    /// Whether a .prj (ESRI WKT 1) is geographic WGS 84: a GEOGCS with the WGS 84 datum, no PROJCS (a projection), in
    /// degrees from Greenwich (what ogr2ogr writes for EPSG:4326: <c>GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",...</c>).
    /// </summary>
    internal static bool IsGeographicWgs84(string wkt)
    {
        var flat = wkt.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return flat.StartsWith("GEOGCS[", StringComparison.Ordinal)
               && !flat.Contains("PROJCS[", StringComparison.Ordinal)
               && (flat.Contains("DATUM[\"D_WGS_1984\"", StringComparison.Ordinal) || flat.Contains("DATUM[\"WGS_1984\"", StringComparison.Ordinal))
               && flat.Contains("PRIMEM[\"GREENWICH\",0", StringComparison.Ordinal)
               && flat.Contains("UNIT[\"DEGREE\"", StringComparison.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text.Trim() : text[..77].Trim() + "...";

    /// <summary>The batch source: the file and, for a Shapefile, its sidecar files hashed with it.</summary>
    private static async Task<BatchSource> SourceOfAsync(string path, ImportFormat format, CancellationToken ct)
    {
        if (format != ImportFormat.Shapefile)
        {
            return await BatchSource.FromFileAsync(path, ct).ConfigureAwait(false);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var extension in new[] { ".shp", ".shx", ".dbf", ".prj", ".cpg" })
        {
            var part = Path.ChangeExtension(path, extension);
            if (File.Exists(part))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(extension + "\n"));
                hash.AppendData(await File.ReadAllBytesAsync(part, ct).ConfigureAwait(false));
            }
        }

        return new BatchSource(path, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async IAsyncEnumerable<RecordWrite> ToAsync(IEnumerable<RecordWrite> writes)
    {
        foreach (var w in writes)
        {
            yield return w;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
