using GeoIncidents.Core.ShippedData;
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
            .WithSummary("Service health: ok when the data is loaded")
            .WithTags("Health");
        return app;
    }

    /// <summary>The health report.</summary>
    /// <param name="data">The loaded data (its resolution proves the data is readable).</param>
    /// <param name="clock">The clock.</param>
    /// <returns>200 with a small JSON document.</returns>
    public static Ok<HealthReport> GetHealth(ShippedDataSet data, TimeProvider clock) =>
        TypedResults.Ok(new HealthReport("ok", clock.GetUtcNow(), data.Regions.Count, data.ReferenceLines.Count));

    /// <summary>The body of <c>/health</c>.</summary>
    /// <param name="Status">"ok".</param>
    /// <param name="Time">Server time (UTC).</param>
    /// <param name="Regions">How many regions are loaded.</param>
    /// <param name="ReferenceLines">How many reference lines are loaded.</param>
    public sealed record HealthReport(string Status, DateTimeOffset Time, int Regions, int ReferenceLines);
}
