using System.Globalization;
using System.Text.Json;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Storage;
using NetTopologySuite.Features;

namespace GeoIncidents.Server.Endpoints;

/// <summary>
/// Feature collections read from the store through the Core interface (OGC API - Features Part 1):
/// <c>/collections/{id}/items</c> with <c>bbox</c>, <c>datetime</c>, <c>limit</c> and <c>offset</c>, and single items, for
/// regions, reference-lines, places, incidents, claims and zones. Retracted records are hidden from lists and shown
/// (flagged) when asked for by id.
/// </summary>
public static class CollectionsEndpoints
{
    /// <summary>Default page size (OGC API - Features, DESIGN.md).</summary>
    public const int DefaultLimit = RecordQuery.DefaultLimit;

    /// <summary>Largest page size; larger requests are clamped to it (OGC rule), not refused.</summary>
    public const int MaxLimit = RecordQuery.MaxLimit;

    private const string GeoJsonMediaType = "application/geo+json";

    private static readonly Dictionary<string, StoreCollection> Collections = new(StringComparer.Ordinal)
    {
        ["regions"] = StoreCollection.Regions,
        ["reference-lines"] = StoreCollection.ReferenceLines,
        ["places"] = StoreCollection.Places,
        ["incidents"] = StoreCollection.Incidents,
        ["claims"] = StoreCollection.Claims,
        ["zones"] = StoreCollection.Zones,
    };

    /// <summary>Maps the collection routes.</summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapCollections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/collections").WithTags("Features");
        group.MapGet("/{collectionId}/items", GetItems)
            .WithName("GetItems")
            .WithSummary("Features of a collection as RFC 7946 GeoJSON (bbox, datetime, limit, offset)");
        group.MapGet("/{collectionId}/items/{featureId}", GetItem)
            .WithName("GetItem")
            .WithSummary("One feature of a collection as RFC 7946 GeoJSON");
        return app;
    }

    /// <summary>Lists features of a collection.</summary>
    /// <param name="context">The request.</param>
    /// <param name="store">The store.</param>
    /// <param name="clock">The clock (for <c>timeStamp</c>).</param>
    /// <param name="collectionId">regions, reference-lines, places, incidents, claims or zones.</param>
    /// <returns>A task completing when the response is written.</returns>
    public static async Task<IResult> GetItems(HttpContext context, IGeoIncidentStore store, TimeProvider clock, string collectionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (!Collections.TryGetValue(collectionId, out var collection))
        {
            return UnknownCollection(collectionId);
        }

        var query = context.Request.Query;
        if (!TryParseLimit(query["limit"], out var limit, out var error)
            || !TryParseOffset(query["offset"], out var offset, out error)
            || !TryParseBbox(query["bbox"], out var bbox, out error)
            || !TryParseDateTime(query["datetime"], collection, out var datetime, out error))
        {
            return TypedResults.Problem(title: "Invalid query parameter", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }

        var ct = context.RequestAborted;
        var filter = new RecordQuery { Bbox = bbox, DateTime = datetime, Limit = MaxLimit };
        var set = store.Set(collection);
        var matched = await set.CountAsync(filter, ct).ConfigureAwait(false);
        var page = await ReadPageAsync(store, collection, filter, offset, limit, ct).ConfigureAwait(false);
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
            writer.WriteNumber("numberMatched", matched);
            writer.WriteNumber("numberReturned", page.Count);
            writer.WriteString("timeStamp", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteStartArray("links");
            WriteLink(writer, "self", $"{self}{context.Request.QueryString}");
            if (offset + page.Count < matched)
            {
                var next = QueryWith(context.Request.Query, "offset", (offset + page.Count).ToString(CultureInfo.InvariantCulture));
                WriteLink(writer, "next", $"{self}{next}");
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(ct).ConfigureAwait(false);
        }

        return TypedResults.Empty;
    }

    /// <summary>Returns one feature (a retracted one too, flagged by its status).</summary>
    /// <param name="store">The store.</param>
    /// <param name="collectionId">The collection.</param>
    /// <param name="featureId">The feature's stable id.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The feature, or a 404 problem.</returns>
    public static async Task<IResult> GetItem(IGeoIncidentStore store, string collectionId, string featureId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Collections.TryGetValue(collectionId, out var collection))
        {
            return UnknownCollection(collectionId);
        }

        var feature = collection switch
        {
            StoreCollection.Regions => Feature(await store.Regions.GetAsync(featureId, true, cancellationToken).ConfigureAwait(false), ModelFeatures.Regions.ToFeature),
            StoreCollection.ReferenceLines => Feature(await store.ReferenceLines.GetAsync(featureId, true, cancellationToken).ConfigureAwait(false), ModelFeatures.ReferenceLines.ToFeature),
            StoreCollection.Places => Feature(await store.Places.GetAsync(featureId, true, cancellationToken).ConfigureAwait(false), ModelFeatures.Places.ToFeature),
            StoreCollection.Incidents => Feature(await store.Incidents.GetAsync(featureId, true, cancellationToken).ConfigureAwait(false), ModelFeatures.Incidents.ToFeature),
            StoreCollection.Claims => Feature(await store.Claims.GetAsync(featureId, true, cancellationToken).ConfigureAwait(false), ModelFeatures.Claims.ToFeature),
            _ => Feature(await store.Zones.GetAsync(featureId, true, cancellationToken).ConfigureAwait(false), ModelFeatures.Zones.ToFeature),
        };
        return feature is null
            ? TypedResults.Problem(title: "Feature not found", detail: $"Collection '{collectionId}' has no feature '{featureId}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Json<IFeature>(feature, GeoJsonSerialization.Options, GeoJsonMediaType);
    }

    private static IFeature? Feature<T>(Stored<T>? stored, Func<T, IFeature> map)
        where T : class => stored is null ? null : map(stored.Record);

    // The items of [offset, offset + limit) in the store's stable order, read through keyset pages.
    private static async Task<List<IFeature>> ReadPageAsync(IGeoIncidentStore store, StoreCollection collection, RecordQuery filter, int offset, int limit, CancellationToken ct)
    {
        var query = filter with { Limit = Math.Clamp(offset + limit, 1, MaxLimit) };
        return collection switch
        {
            StoreCollection.Regions => await Take(store.Regions, ModelFeatures.Regions.ToFeature).ConfigureAwait(false),
            StoreCollection.ReferenceLines => await Take(store.ReferenceLines, ModelFeatures.ReferenceLines.ToFeature).ConfigureAwait(false),
            StoreCollection.Places => await Take(store.Places, ModelFeatures.Places.ToFeature).ConfigureAwait(false),
            StoreCollection.Incidents => await Take(store.Incidents, ModelFeatures.Incidents.ToFeature).ConfigureAwait(false),
            StoreCollection.Claims => await Take(store.Claims, ModelFeatures.Claims.ToFeature).ConfigureAwait(false),
            _ => await Take(store.Zones, ModelFeatures.Zones.ToFeature).ConfigureAwait(false),
        };

        async Task<List<IFeature>> Take<T>(IRecordSet<T> set, Func<T, IFeature> map)
            where T : class
        {
            var features = new List<IFeature>(Math.Min(limit, 1024));
            var index = 0;
            await foreach (var stored in set.StreamAsync(query, ct).ConfigureAwait(false))
            {
                if (index++ < offset)
                {
                    continue;
                }

                features.Add(map(stored.Record));
                if (features.Count == limit)
                {
                    break;
                }
            }

            return features;
        }
    }

    private static IResult UnknownCollection(string collectionId) => TypedResults.Problem(
        title: "Collection not found",
        detail: $"There is no collection '{collectionId}' (known: {string.Join(", ", Collections.Keys)}).",
        statusCode: StatusCodes.Status404NotFound);

    private static bool TryParseDateTime(string? text, StoreCollection collection, out DateTimeFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (collection is StoreCollection.Regions or StoreCollection.Places)
        {
            error = $"datetime does not apply to {collection.WireName()} (they have no time).";
            return false;
        }

        return DateTimeFilter.TryParse(text, out filter, out error);
    }

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
    private static bool TryParseBbox(string? text, out BoundingBox? bbox, out string? error)
    {
        bbox = null;
        error = null;
        return string.IsNullOrEmpty(text) || BoundingBox.TryParse(text, out bbox, out error);
    }
}
