using System.Text.Json;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace GeoIncidents.Core.Interchange;

/// <summary>
/// RFC 7946 GeoJSON settings shared by every reader and writer of the project (NetTopologySuite.IO.GeoJSON4STJ):
/// no <c>crs</c> member, lon/lat order, exterior rings counter-clockwise, the Feature <c>id</c> lifted from the
/// <c>id</c> attribute, no <c>bbox</c> (GeoJSON4STJ would otherwise write <c>"bbox": null</c>).
/// </summary>
public static class GeoJsonSerialization
{
    /// <summary>The attribute name that GeoJSON4STJ maps to and from a Feature's top-level <c>id</c>.</summary>
    public const string IdAttribute = "id";

    /// <summary>Shared options; thread-safe for serialisation once built. Do not modify.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Creates a fresh options instance with the GeoJSON converters registered.</summary>
    /// <returns>Options for <see cref="JsonSerializer"/> that read and write NTS geometries and features.</returns>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Unicode names (Armenian, Azerbaijani, Russian) stay readable in output.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new GeoJsonConverterFactory(
            GeometryFactories.Wgs84,
            writeGeometryBBox: false,
            idPropertyName: IdAttribute,
            ringOrientationOption: RingOrientationOption.EnforceRfc9746)); // sic: the enum member is spelled 9746
        return options;
    }

    /// <summary>Writer options matching <see cref="Options"/> (readable Unicode), for hand-streamed documents.</summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = Options.Encoder };

    /// <summary>
    /// The stable id of a feature: the <c>id</c> attribute, or the Feature's top-level <c>id</c> (which GeoJSON4STJ
    /// keeps outside the attributes table when it reads a document).
    /// </summary>
    /// <param name="feature">A feature.</param>
    /// <returns>The id as text, or null when the feature has none.</returns>
    public static string? GetId(IFeature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (feature.Attributes is { } a && a.Exists(IdAttribute))
        {
            return a[IdAttribute]?.ToString();
        }

        return feature.GetOptionalId(IdAttribute)?.ToString();
    }

    /// <summary>Reads a GeoJSON FeatureCollection from a file.</summary>
    /// <param name="path">A file holding one RFC 7946 FeatureCollection.</param>
    /// <returns>The collection; geometries carry SRID 4326.</returns>
    /// <exception cref="InvalidDataException">The file is not a GeoJSON FeatureCollection.</exception>
    public static FeatureCollection ReadFeatureCollection(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<FeatureCollection>(stream, Options)
                ?? throw new InvalidDataException($"{path}: empty document, expected a GeoJSON FeatureCollection.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a GeoJSON FeatureCollection ({ex.Message}).", ex);
        }
    }
}
