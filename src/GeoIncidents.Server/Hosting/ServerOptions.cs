namespace GeoIncidents.Server.Hosting;

/// <summary>Options of the HTTP service.</summary>
public sealed record ServerOptions
{
    /// <summary>The address the service listens on unless told otherwise (DESIGN.md, CLI contract).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Semicolon-separated listen URLs, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>
    /// The store: a GeoPackage path or a PostgreSQL connection string (<c>--db</c>); null uses
    /// <c>GEOINCIDENTS_DB</c>, else the default file (see <see cref="Storage.StoreFactory"/>). A store that does not
    /// exist yet is created and seeded from the shipped data.
    /// </summary>
    public string? Db { get; init; }

    /// <summary>The shipped data folder (for seeding a new store); null finds it beside the program.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Reads <c>--urls</c> and <c>--db</c> from the command line, as <c>dotnet run --project src/GeoIncidents.Server -- --urls ...</c> passes them.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The options, with defaults for what is not given.</returns>
    public static ServerOptions FromArgs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ServerOptions();
        for (var i = 0; i < args.Count - 1; i++)
        {
            options = args[i] switch
            {
                "--urls" => options with { Urls = args[i + 1] },
                "--db" => options with { Db = args[i + 1] },
                _ => options,
            };
        }

        return options;
    }
}
