namespace GeoIncidents.Server.Hosting;

/// <summary>Options of the HTTP service.</summary>
public sealed record ServerOptions
{
    /// <summary>The address the service listens on unless told otherwise (DESIGN.md, CLI contract).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Semicolon-separated listen URLs, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The shipped data folder; null finds it beside the program.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Reads <c>--urls</c> from the command line, as <c>dotnet run --project src/GeoIncidents.Server -- --urls ...</c> passes it.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The options, with defaults for what is not given.</returns>
    public static ServerOptions FromArgs(IReadOnlyList<string> args)
    {
        var options = new ServerOptions();
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--urls")
            {
                options = options with { Urls = args[i + 1] };
            }
        }

        return options;
    }
}
