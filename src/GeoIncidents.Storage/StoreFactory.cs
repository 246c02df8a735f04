using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.PostGis;
using Npgsql;

namespace GeoIncidents.Storage;

/// <summary>Where a store lives, as resolved from <c>--db</c>, <c>GEOINCIDENTS_DB</c> or the default.</summary>
/// <param name="Backend">GeoPackage file or PostGIS.</param>
/// <param name="Target">The file path (absolute), or the Npgsql connection string (keyword form).</param>
/// <param name="Origin">Where the value came from: <c>--db</c>, <c>GEOINCIDENTS_DB</c> or <c>default</c>.</param>
public sealed record StoreLocation(StoreBackend Backend, string Target, string Origin)
{
    /// <summary>The location for messages: the path, or <c>host:port/database</c> (never a password).</summary>
    public string Display => Backend == StoreBackend.PostGis ? PostGisStore.Describe(Target) : Target;
}

/// <summary>What <see cref="StoreFactory.InitAsync"/> did.</summary>
/// <param name="Location">The store.</param>
/// <param name="Created">The database was created (it did not exist).</param>
/// <param name="Seed">The seed batch, or null when the store already held data.</param>
public sealed record StoreInitResult(StoreLocation Location, bool Created, BatchResult? Seed);

/// <summary>What <see cref="StoreFactory.MigrateAsync"/> did.</summary>
/// <param name="Location">The store.</param>
/// <param name="VersionBefore">The store schema version before (0: none).</param>
/// <param name="VersionAfter">The version after.</param>
/// <param name="Adopted">Rows another tool wrote that were taken into the store.</param>
/// <param name="Invalid">Rows another tool wrote that are not valid records (left out).</param>
public sealed record StoreMigrateResult(StoreLocation Location, int VersionBefore, int VersionAfter, int Adopted, int Invalid);

/// <summary>
/// Opens the store named on the command line or in configuration (DESIGN.md, Storage): <c>--db</c>, else the
/// <c>GEOINCIDENTS_DB</c> environment variable, else <c>$XDG_DATA_HOME/geoincidents/geoincidents.gpkg</c>
/// (<c>~/.local/share/geoincidents/</c> by default). A value that looks like a PostgreSQL connection string (contains
/// <c>Host=</c>, or starts with <c>postgres://</c> or <c>postgresql://</c>) selects PostGIS; anything else is a file
/// path. A store that does not exist yet is created and seeded from the shipped data on first use.
/// </summary>
public static class StoreFactory
{
    /// <summary>The environment variable naming the store.</summary>
    public const string DatabaseVariable = "GEOINCIDENTS_DB";

    /// <summary>The default file name.</summary>
    public const string DefaultFileName = "geoincidents.gpkg";

    /// <summary>Resolves where the store is.</summary>
    /// <param name="db">The <c>--db</c> value, or null.</param>
    /// <param name="environment">Reads environment variables (default: the process environment).</param>
    /// <returns>The location.</returns>
    /// <exception cref="ArgumentException">A PostgreSQL URI or connection string is malformed.</exception>
    public static StoreLocation Resolve(string? db, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (value, origin) = !string.IsNullOrWhiteSpace(db)
            ? (db.Trim(), "--db")
            : environment(DatabaseVariable) is { Length: > 0 } fromEnv && !string.IsNullOrWhiteSpace(fromEnv)
                ? (fromEnv.Trim(), DatabaseVariable)
                : (DefaultPath(environment), "default");
        if (LooksLikePostgres(value))
        {
            return new StoreLocation(StoreBackend.PostGis, ToKeywordConnectionString(value), origin);
        }

        return new StoreLocation(StoreBackend.GeoPackage, Path.GetFullPath(ExpandHome(value, environment)), origin);
    }

    /// <summary>Whether a value selects PostGIS.</summary>
    /// <param name="value">A <c>--db</c> value.</param>
    /// <returns>True for <c>Host=…</c> connection strings and <c>postgres(ql)://</c> URIs.</returns>
    public static bool LooksLikePostgres(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
               || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
               || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The default store file: <c>$XDG_DATA_HOME/geoincidents/geoincidents.gpkg</c>, XDG_DATA_HOME defaulting to <c>~/.local/share</c>.</summary>
    /// <param name="environment">Reads environment variables (default: the process environment).</param>
    /// <returns>The path.</returns>
    public static string DefaultPath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var dataHome = environment("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome) || !Path.IsPathRooted(dataHome))
        {
            var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            dataHome = Path.Combine(home, ".local", "share");
        }

        return Path.Combine(dataHome, "geoincidents", DefaultFileName);
    }

    /// <summary>
    /// Opens the store, creating it and seeding it from the shipped data when it does not exist yet (first use).
    /// An existing store is never reseeded.
    /// </summary>
    /// <param name="location">Where (from <see cref="Resolve"/>).</param>
    /// <param name="clock">The clock for revisions.</param>
    /// <param name="actor">Who creates and seeds (default <c>cli:$USER</c>).</param>
    /// <param name="dataDirectory">The shipped data folder; null finds it beside the program.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store; the caller disposes it.</returns>
    /// <exception cref="StoreSchemaException">The database is not a store of this version.</exception>
    /// <exception cref="SeedDataException">The shipped data is invalid.</exception>
    public static async Task<IGeoIncidentStore> OpenAsync(StoreLocation location, TimeProvider clock, StoreActor? actor = null, string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        var (store, _) = await OpenCoreAsync(location, clock, actor, dataDirectory, create: true, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Opens an existing store without creating or seeding it (for commands that only read, e.g. <c>history</c>).</summary>
    /// <param name="location">Where.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="FileNotFoundException">No GeoPackage store at the path.</exception>
    /// <exception cref="StoreSchemaException">No store in the database, or another version.</exception>
    public static async Task<IGeoIncidentStore> OpenExistingAsync(StoreLocation location, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Backend == StoreBackend.PostGis
            ? await PostGisStore.OpenAsync(location.Target, clock, create: false, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await GeoPackageStore.OpenAsync(location.Target, clock, create: false, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>db init</c>: creates the store if needed and seeds it if it holds nothing yet. Idempotent.</summary>
    /// <param name="location">Where.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="actor">Who initialises (default <c>cli:$USER</c>).</param>
    /// <param name="dataDirectory">The shipped data folder; null finds it beside the program.</param>
    /// <param name="cancellationToken">Cancels the initialisation.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="StoreSchemaException">The database is not a store of this version.</exception>
    public static async Task<StoreInitResult> InitAsync(StoreLocation location, TimeProvider clock, StoreActor? actor = null, string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        var (store, (created, seed)) = await OpenCoreAsync(location, clock, actor, dataDirectory, create: true, cancellationToken).ConfigureAwait(false);
        await store.DisposeAsync().ConfigureAwait(false);
        return new StoreInitResult(location, created, seed);
    }

    /// <summary><c>db migrate</c>: creates or upgrades the store schema (GeoPackage: tables and columns; PostGIS: EF Core migrations), then adopts rows other tools wrote. Does not seed.</summary>
    /// <param name="location">Where.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="actor">Who migrates (default <c>cli:$USER</c>).</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="StoreSchemaException">The database cannot be upgraded.</exception>
    public static async Task<StoreMigrateResult> MigrateAsync(StoreLocation location, TimeProvider clock, StoreActor? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var who = actor ?? StoreActor.CurrentUser;
        if (location.Backend == StoreBackend.PostGis)
        {
            var r = await PostGisStore.MigrateAsync(location.Target, clock, who, cancellationToken).ConfigureAwait(false);
            return new StoreMigrateResult(location, r.Before, r.After, r.Adopted, r.Invalid);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(location.Target)!);
        var g = await GeoPackageStore.MigrateAsync(location.Target, clock, who, cancellationToken).ConfigureAwait(false);
        return new StoreMigrateResult(location, g.Before, g.After, g.Adopted, g.Invalid);
    }

    private static async Task<(IGeoIncidentStore Store, (bool Created, BatchResult? Seed) Init)> OpenCoreAsync(
        StoreLocation location, TimeProvider clock, StoreActor? actor, string? dataDirectory, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(clock);
        var who = actor ?? StoreActor.CurrentUser;
        var existed = location.Backend == StoreBackend.GeoPackage && File.Exists(location.Target) && new FileInfo(location.Target).Length > 0;
        IGeoIncidentStore store = location.Backend == StoreBackend.PostGis
            ? await PostGisStore.OpenAsync(location.Target, clock, create, who, cancellationToken).ConfigureAwait(false)
            : await GeoPackageStore.OpenAsync(location.Target, clock, create, who, cancellationToken).ConfigureAwait(false);
        try
        {
            var seed = await StoreSeeder.SeedIfEmptyAsync(store, () => SeedData.Load(dataDirectory, clock), who, cancellationToken).ConfigureAwait(false);
            var created = location.Backend == StoreBackend.GeoPackage ? !existed : seed is not null;
            return (store, (created, seed));
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string ExpandHome(string path, Func<string, string?> environment) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty)
            : path;

    private static string ToKeywordConnectionString(string value)
    {
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(value).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"not a PostgreSQL connection string: {ex.Message}", nameof(value), ex);
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("not a PostgreSQL URI (postgresql://user:password@host:port/database)", nameof(value));
        }

        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            b.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                b.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            b.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2)
            {
                try
                {
                    b[Uri.UnescapeDataString(kv[0]).Replace("sslmode", "SSL Mode", StringComparison.OrdinalIgnoreCase)] = Uri.UnescapeDataString(kv[1]);
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"unsupported PostgreSQL URI parameter '{kv[0]}'", nameof(value), ex);
                }
            }
        }

        return b.ConnectionString;
    }
}
