using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.ShippedData;
using GeoIncidents.Geodesy.Geometries;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GeoIncidents.Server.Endpoints;

/// <summary>
/// Feature collections read from the shipped data (walking skeleton of OGC API - Features Part 1):
/// <c>/collections/{id}/items</c> with <c>bbox</c>, <c>limit</c> and <c>offset</c>, and single items.
/// </summary>
public static class CollectionsEndpoints
{
    /// <summary>Default page size (OGC API - Features, DESIGN.md).</summary>
    public const int DefaultLimit = 100;

    /// <summary>Largest page size; larger requests are clamped to it (OGC rule), not refused.</summary>
    public const int MaxLimit = 10_000;

    private const string GeoJsonMediaType = "application/geo+json";

    /// <summary>Maps the collection routes.</summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapCollections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/collections").WithTags("Features");
        group.MapGet("/{collectionId}/items", GetItems)
            .WithName("GetItems")
            .WithSummary("Features of a collection as RFC 7946 GeoJSON (bbox, limit, offset)");
        group.MapGet("/{collectionId}/items/{featureId}", GetItem)
            .WithName("GetItem")
            .WithSummary("One feature of a collection as RFC 7946 GeoJSON");
        return app;
    }

    /// <summary>Lists features of a collection.</summary>
    /// <param name="context">The request.</param>
    /// <param name="data">The shipped data.</param>
    /// <param name="clock">The clock (for <c>timeStamp</c>).</param>
    /// <param name="collectionId">regions, reference-lines or places.</param>
    /// <returns>A task completing when the response is written.</returns>
    public static async Task<IResult> GetItems(HttpContext context, ShippedDataSet data, TimeProvider clock, string collectionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var features = Collection(data, collectionId);
        if (features is null)
        {
            return UnknownCollection(collectionId);
        }

        var query = context.Request.Query;
        if (!TryParseLimit(query["limit"], out var limit, out var error)
            || !TryParseOffset(query["offset"], out var offset, out error)
            || !TryParseBbox(query["bbox"], out var bbox, out error))
        {
            return TypedResults.Problem(title: "Invalid query parameter", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var matched = bbox is null ? features : features.Where(f => f.Geometry is not null && bbox.Intersects(f.Geometry)).ToList();
        var page = matched.Skip(offset).Take(limit).ToList();
        var self = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";

        context.Response.ContentType = GeoJsonMediaType;
        var writer = new Utf8JsonWriter(context.Response.BodyWriter, GeoJsonSerialization.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var feature in page)
            {
                JsonSerializer.Serialize(writer, feature, GeoJsonSerialization.Options);
            }

            writer.WriteEndArray();
            writer.WriteNumber("numberMatched", matched.Count);
            writer.WriteNumber("numberReturned", page.Count);
            writer.WriteString("timeStamp", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartArray("links");
            WriteLink(writer, "self", $"{self}{context.Request.QueryString}");
            if (offset + page.Count < matched.Count)
            {
                var next = QueryWith(context.Request.Query, "offset", (offset + page.Count).ToString(CultureInfo.InvariantCulture));
                WriteLink(writer, "next", $"{self}{next}");
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }

        return TypedResults.Empty;
    }

    /// <summary>Returns one feature.</summary>
    /// <param name="data">The shipped data.</param>
    /// <param name="collectionId">The collection.</param>
    /// <param name="featureId">The feature's stable id.</param>
    /// <returns>The feature, or a 404 problem.</returns>
    public static IResult GetItem(ShippedDataSet data, string collectionId, string featureId)
    {
        var features = Collection(data, collectionId);
        if (features is null)
        {
            return UnknownCollection(collectionId);
        }

        var feature = features.FirstOrDefault(f => string.Equals(GeoJsonSerialization.GetId(f), featureId, StringComparison.Ordinal));
        return feature is null
            ? TypedResults.Problem(title: "Feature not found", detail: $"Collection '{collectionId}' has no feature '{featureId}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Json(feature, GeoJsonSerialization.Options, GeoJsonMediaType);
    }

    private static IReadOnlyList<IFeature>? Collection(ShippedDataSet data, string collectionId) => collectionId switch
    {
        "regions" => data.Regions,
        "reference-lines" => data.ReferenceLines,
        "places" => data.Places,
        _ => null,
    };

    private static IResult UnknownCollection(string collectionId) => TypedResults.Problem(
        title: "Collection not found",
        detail: $"There is no collection '{collectionId}' (known: regions, reference-lines, places).",
        statusCode: StatusCodes.Status404NotFound);

    private static void WriteLink(Utf8JsonWriter writer, string rel, string href)
    {
        writer.WriteStartObject();
        writer.WriteString("rel", rel);
        writer.WriteString("type", GeoJsonMediaType);
        writer.WriteString("href", href);
        writer.WriteEndObject();
    }

    private static string QueryWith(IQueryCollection query, string key, string value)
    {
        var pairs = query.Where(q => q.Key != key).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())).ToList();
        pairs.Add(new KeyValuePair<string, string?>(key, value));
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToString();
    }

    private static bool TryParseLimit(string? text, out int limit, out string? error)
    {
        error = null;
        limit = DefaultLimit;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
        {
            error = $"limit must be a positive integer (at most {MaxLimit}; larger values are clamped), got '{text}'.";
            return false;
        }

        limit = Math.Min(limit, MaxLimit);
        return true;
    }

    private static bool TryParseOffset(string? text, out int offset, out string? error)
    {
        error = null;
        offset = 0;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            error = $"offset must be a non-negative integer, got '{text}'.";
            return false;
        }

        return true;
    }

    /// <summary>Parses an OGC <c>bbox=W,S,E,N</c> in lon/lat degrees (CRS84).</summary>
    private static bool TryParseBbox(string? text, out Geometry? bbox, out string? error)
    {
        bbox = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var parts = text.Split(',');
        var values = new double[parts.Length];
        if (parts.Length != 4 || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).Any(ok => !ok))
        {
            error = $"bbox must be four numbers W,S,E,N in degrees (longitude first), got '{text}'.";
            return false;
        }

        var (w, s, e, n) = (values[0], values[1], values[2], values[3]);
        if (s > n || s < -90 || n > 90 || w < -180 || e > 180 || w > e)
        {
            error = $"bbox '{text}' is not W,S,E,N with -180 <= W <= E <= 180 and -90 <= S <= N <= 90.";
            return false;
        }

        bbox = GeometryFactories.Wgs84.ToGeometry(new Envelope(w, e, s, n));
        return true;
    }
}
