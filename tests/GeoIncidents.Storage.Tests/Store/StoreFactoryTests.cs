using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.Tests.GeoPackage;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Store;

public class StoreFactoryTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Resolve_DbOption_WinsOverTheEnvironment()
    {
        var location = StoreFactory.Resolve("/data/mine.gpkg", Env(("GEOINCIDENTS_DB", "/data/env.gpkg")));

        Assert.Equal(new StoreLocation(StoreBackend.GeoPackage, "/data/mine.gpkg", "--db"), location);
    }

    [Fact]
    public void Resolve_NoOption_UsesTheEnvironmentVariable() =>
        Assert.Equal(new StoreLocation(StoreBackend.GeoPackage, "/data/env.gpkg", "GEOINCIDENTS_DB"), StoreFactory.Resolve(null, Env(("GEOINCIDENTS_DB", "/data/env.gpkg"))));

    [Theory]
    [InlineData("/xdg", "/home/ana", "/xdg/geoincidents/geoincidents.gpkg")]
    [InlineData(null, "/home/ana", "/home/ana/.local/share/geoincidents/geoincidents.gpkg")]
    [InlineData("relative/ignored", "/home/ana", "/home/ana/.local/share/geoincidents/geoincidents.gpkg")]
    public void Resolve_Nothing_UsesTheXdgDataHome(string? xdg, string home, string expected)
    {
        var location = StoreFactory.Resolve(null, Env(("XDG_DATA_HOME", xdg!), ("HOME", home)));

        Assert.Equal(new StoreLocation(StoreBackend.GeoPackage, expected, "default"), location);
    }

    [Theory]
    [InlineData("Host=db.example;Database=gi;Username=ana", "db.example", 5432, "gi", "ana")]
    [InlineData("host=127.0.0.1;port=6000;database=x", "127.0.0.1", 6000, "x", null)]
    [InlineData("postgresql://ana:s%40cret@db.example:5433/incidents", "db.example", 5433, "incidents", "ana")]
    [InlineData("postgres://db.example/gi?sslmode=disable", "db.example", 5432, "gi", null)]
    public void Resolve_PostgresValues_SelectPostGis(string value, string host, int port, string database, string? user)
    {
        var location = StoreFactory.Resolve(value, Env());

        Assert.Equal(StoreBackend.PostGis, location.Backend);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal((host, port, database, user), (b.Host, b.Port, b.Database, b.Username));
        Assert.Equal($"{host}:{port}/{database}", location.Display);
        Assert.DoesNotContain("cret", location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PostgresUriPassword_IsDecoded() =>
        Assert.Equal("s@cret", new Npgsql.NpgsqlConnectionStringBuilder(StoreFactory.Resolve("postgresql://ana:s%40cret@h/d", Env()).Target).Password);

    [Fact]
    public async Task InitAsync_TwiceOnANewFile_CreatesAndSeedsOnceThenDoesNothing()
    {
        using var file = TempGeoPackage.Create("init.gpkg");
        var location = StoreFactory.Resolve(file.FilePath, Env());
        var clock = new ManualClock(T0);

        var first = await StoreFactory.InitAsync(location, clock, Tester);
        var second = await StoreFactory.InitAsync(location, clock, Tester);

        Assert.True(first.Created);
        Assert.NotNull(first.Seed);
        Assert.True(first.Seed.CreatedCount > 100);
        Assert.False(second.Created);
        Assert.Null(second.Seed);
        await using var store = await StoreFactory.OpenExistingAsync(location, clock);
        Assert.Single(await store.HistoryAsync("AM-SU"));
    }

    [Fact]
    public async Task OpenExistingAsync_MissingFile_ThrowsFileNotFound()
    {
        using var file = TempGeoPackage.Create("missing.gpkg");

        await Assert.ThrowsAsync<FileNotFoundException>(() => StoreFactory.OpenExistingAsync(StoreFactory.Resolve(file.FilePath, Env()), new ManualClock(T0)));

        Assert.False(File.Exists(file.FilePath));
    }
}
