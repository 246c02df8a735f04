namespace GeoIncidents.Storage.Interchange;

/// <summary>An input format of <c>geoincidents import</c>.</summary>
public enum ImportFormat
{
    /// <summary><c>geojson</c>: an RFC 7946 FeatureCollection (<c>.geojson</c>, <c>.json</c>).</summary>
    GeoJson,

    /// <summary><c>geojsonseq</c>: a GeoJSON Text Sequence, RFC 8142 (<c>.geojsonl</c>, <c>.geojsons</c>): one feature per line, optionally RS-prefixed.</summary>
    GeoJsonSeq,

    /// <summary><c>acled-csv</c>: ACLED-style CSV (<c>.csv</c>).</summary>
    AcledCsv,

    /// <summary><c>gpkg</c>: a GeoPackage feature table (<c>.gpkg</c>; boundaries only).</summary>
    GeoPackage,

    /// <summary><c>shp</c>: an Esri Shapefile (<c>.shp</c> with <c>.dbf</c> and a WGS 84 <c>.prj</c>; boundaries only).</summary>
    Shapefile,
}

/// <summary>Names and detection of <see cref="ImportFormat"/> values.</summary>
public static class ImportFormats
{
    /// <summary>The format of an input: the <c>--format</c> name when given, else the file's extension.</summary>
    /// <param name="path">The input file.</param>
    /// <param name="format">The <c>--format</c> value (<c>geojson</c>, <c>geojsonseq</c>, <c>acled-csv</c>, <c>gpkg</c>, <c>shp</c>), or null.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">The name is unknown, or the extension says nothing and no format is given.</exception>
    public static ImportFormat Resolve(string path, string? format)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format.Trim().ToLowerInvariant() switch
            {
                "geojson" or "json" => ImportFormat.GeoJson,
                "geojsonseq" or "geojsonl" or "geojsons" => ImportFormat.GeoJsonSeq,
                "acled-csv" or "csv" => ImportFormat.AcledCsv,
                "gpkg" or "geopackage" => ImportFormat.GeoPackage,
                "shp" or "shapefile" => ImportFormat.Shapefile,
                _ => throw new ArgumentException($"unknown format '{format}' (geojson, geojsonseq, acled-csv, gpkg, shp)", nameof(format)),
            };
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".geojson" or ".json" => ImportFormat.GeoJson,
            ".geojsonl" or ".geojsons" or ".geojsonseq" or ".jsonl" => ImportFormat.GeoJsonSeq,
            ".csv" => ImportFormat.AcledCsv,
            ".gpkg" => ImportFormat.GeoPackage,
            ".shp" => ImportFormat.Shapefile,
            var ext => throw new ArgumentException(
                $"cannot tell the format of '{Path.GetFileName(path)}' from its extension '{ext}': give --format (geojson, geojsonseq, acled-csv, gpkg, shp)", nameof(path)),
        };
    }

    /// <summary>The command-line name of a format.</summary>
    /// <param name="format">The format.</param>
    /// <returns>E.g. <c>acled-csv</c>.</returns>
    public static string Name(this ImportFormat format) => format switch
    {
        ImportFormat.GeoJson => "geojson",
        ImportFormat.GeoJsonSeq => "geojsonseq",
        ImportFormat.AcledCsv => "acled-csv",
        ImportFormat.GeoPackage => "gpkg",
        _ => "shp",
    };
}
