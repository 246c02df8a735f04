using GeoIncidents.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GeoIncidents.Server.Endpoints;

/// <summary>Liveness and readiness: <c>/health</c>.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>GET /health</c>.</summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The route builder, for chaining.</returns>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Service health: ok when the store answers")
            .WithTags("Health");
        return app;
    }

    /// <summary>The health report.</summary>
    /// <param name="store">The store (reading its counts proves it is reachable).</param>
    /// <param name="clock">The clock.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with a small JSON document.</returns>
    public static async Task<Ok<HealthReport>> GetHealth(IGeoIncidentStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var regions = await store.Regions.CountAsync(new RecordQuery(), cancellationToken).ConfigureAwait(false);
        var lines = await store.ReferenceLines.CountAsync(new RecordQuery(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new HealthReport("ok", clock.GetUtcNow(), (int)regions, (int)lines, WireNames(store.Description.Backend)));
    }

    private static string WireNames(StoreBackend backend) => backend == StoreBackend.PostGis ? "postgis" : "geopackage";

    /// <summary>The body of <c>/health</c>.</summary>
    /// <param name="Status">"ok".</param>
    /// <param name="Time">Server time (UTC).</param>
    /// <param name="Regions">How many regions the store holds.</param>
    /// <param name="ReferenceLines">How many reference lines the store holds.</param>
    /// <param name="Store">The store backend: <c>geopackage</c> or <c>postgis</c>.</param>
    public sealed record HealthReport(string Status, DateTimeOffset Time, int Regions, int ReferenceLines, string Store);
}
