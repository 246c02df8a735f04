using System.Globalization;
using System.Text;
using GeoIncidents.Core.Interchange;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;

namespace GeoIncidents.Core.Tests.Interchange;

public class GeoJsonFeatureStreamsTests
{
    private static string Good(string id, string title = "t") =>
        $$$"""{"type":"Feature","id":"{{{id}}}","geometry":{"type":"Point","coordinates":[46.34168,39.51111]},"properties":{"title":"{{{title}}}","type":"clash","occurred":"2021-05-12"}}""";

    private static readonly string Collection = "{\"type\":\"FeatureCollection\",\"name\":\"test\",\"features\":[" + string.Join(",",
        Good("a"),
        """{"type":"Feature","id":"b","geometry":null,"properties":{"type":"clash","occurred":"2021-05-12"}}""",  // 2: no title
        Good("c"),
        """{"type":"Feature","id":"d","geometry":null,"properties":{"title":"t","type":"clash","occurred":"May 2021"}}""", // 4: bad date
        "42", // 5: not an object
        Good("f")) + "],\"bbox\":[44,38,51,42]}";

    private static async Task<List<RawFeature>> Collect(IAsyncEnumerable<RawFeature> features)
    {
        var list = new List<RawFeature>();
        await foreach (var f in features)
        {
            list.Add(f);
        }

        return list;
    }

    private static Stream Utf8(string text, int chunk = int.MaxValue) => new TrickleStream(Encoding.UTF8.GetBytes(text), chunk);

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task ReadBatch_FeatureCollection_ListsTheNumbersOfEveryBadFeature(int chunkBytes)
    {
        var batch = await ModelFeatures.Incidents.ReadBatchAsync(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(Utf8(Collection, chunkBytes)));

        Assert.False(batch.IsValid);
        Assert.Equal(6, batch.FeatureCount);
        Assert.Equal([2, 4, 5], batch.BadFeatureNumbers);
        Assert.Equal(["a", "c", "f"], batch.Values.Select(i => i.Id));
        Assert.Contains(batch.Errors, e => e.ToString() == "feature 2: properties.title: a non-empty text is required");
        Assert.Contains(batch.Errors, e => e.ToString().StartsWith("feature 4: properties.occurred: 'May 2021' is not an ISO 8601 date", StringComparison.Ordinal));
        Assert.Contains(batch.Errors, e => e.ToString() == "feature 5: expected a GeoJSON Feature object, found a JSON Number");
    }

    [Fact]
    public async Task ReadFeatureCollection_TypeAfterFeaturesAndForeignMembers_IsAccepted()
    {
        var text = "\uFEFF{\"features\":[" + Good("a") + "],\"crs\":null,\"extra\":{\"nested\":[1,{\"x\":2}]},\"type\":\"FeatureCollection\"}";
        var all = await Collect(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(Utf8(text, 3)));
        var single = Assert.Single(all);
        Assert.Null(single.Error);
        Assert.Equal(1, single.Number);
    }

    [Fact]
    public async Task ReadFeatureCollection_FeatureLargerThanTheBuffer_IsRead()
    {
        // ~450 KB LineString: several times the initial 64 KiB buffer.
        var coords = string.Join(",", Enumerable.Range(0, 20_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{44 + (i * 1e-4):0.0000},{39 + (i * 1e-5):0.00000}]")));
        var big = $$$"""{"type":"Feature","id":"big","geometry":{"type":"LineString","coordinates":[{{{coords}}}]},"properties":{"title":"long","type":"other","occurred":"2021"}}""";
        var text = "{\"type\":\"FeatureCollection\",\"features\":[" + Good("a") + "," + big + "," + Good("c") + "]}";

        var batch = await ModelFeatures.Incidents.ReadBatchAsync(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(Utf8(text, 4096)));

        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        Assert.Equal(20_000, batch.Values[1].Geometry!.NumPoints);
    }

    [Fact]
    public async Task ReadFeatureCollection_MalformedJson_StopsWithTheFeatureNumber()
    {
        var text = "{\"type\":\"FeatureCollection\",\"features\":[" + Good("a") + "," + Good("b") + ",{\"type\":\"Feature\",\"id\":\"c\" \"geometry\":null}," + Good("d") + "]}";
        var all = await Collect(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(Utf8(text, 16)));

        Assert.Equal([1, 2, 3], all.Select(f => f.Number));
        Assert.Null(all[1].Error);
        Assert.StartsWith("feature 3: invalid JSON", all[2].Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFeatureCollection_Truncated_ReportsWhereItEnded()
    {
        var text = "{\"type\":\"FeatureCollection\",\"features\":[" + Good("a") + "," + Good("b")[..40];
        var all = await Collect(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(Utf8(text)));
        Assert.Null(all[0].Error);
        Assert.Equal(2, all[^1].Number);
        Assert.NotNull(all[^1].Error);
    }

    [Theory]
    [InlineData("""{"type":"Feature","geometry":null,"properties":{}}""", "expected \"FeatureCollection\"")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"features":[]}""", "no \"type\": \"FeatureCollection\"")]
    [InlineData("""{"type":"FeatureCollection"}""", "no \"features\" array")]
    public async Task ReadFeatureCollection_NotAFeatureCollection_IsADocumentError(string text, string expected)
    {
        var error = Assert.Single(await Collect(GeoJsonFeatureStreams.ReadFeatureCollectionAsync(Utf8(text)))).Error!;
        Assert.Equal(0, error.Number);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("document: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSequence_Rfc8142_ReportsBadLinesAndReadsOn()
    {
        var text = "\u001e" + Good("a") + "\n\n\u001e{\"type\":\"Feature\",\n" + "\u001e" + Good("c", "") + "\r\n" + Good("d") + "\n" + "[1]\n";
        var batch = await ModelFeatures.Incidents.ReadBatchAsync(GeoJsonFeatureStreams.ReadSequenceAsync(Utf8(text, 5)));

        Assert.Equal(5, batch.FeatureCount);
        Assert.Equal(["a", "d"], batch.Values.Select(i => i.Id));
        Assert.Equal([2, 3, 5], batch.BadFeatureNumbers);
        Assert.Contains(batch.Errors, e => e.Number == 2 && e.Message.StartsWith("line 3: invalid JSON", StringComparison.Ordinal));
        Assert.Contains(batch.Errors, e => e.ToString() == "feature 3: properties.title: a non-empty text is required");
        Assert.Contains(batch.Errors, e => e.Number == 5 && e.Message.Contains("expected a GeoJSON Feature object", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadBatch_SeedClaimsFile_MatchesTheSeedLoader()
    {
        var data = SeedData.Load();
        await using var file = File.OpenRead(Path.Combine(data.Directory, "incidents", "claims.geojson"));
        var batch = await ModelFeatures.Claims.ReadBatchAsync(
            GeoJsonFeatureStreams.ReadFeatureCollectionAsync(file),
            new GeoJsonReadOptions { Sources = data.Sources.ToDictionary(s => s.Id) });

        Assert.True(batch.IsValid, string.Join("; ", batch.Errors));
        Assert.Equal(data.Claims.Select(c => c.Id).Order(StringComparer.Ordinal), batch.Values.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(batch.Values, c => Assert.Equal(data.Claims.Single(s => s.Id == c.Id), c));
    }

    [Fact]
    public async Task ReadSequence_WrittenFeatures_RoundTrip()
    {
        var data = SeedData.Load();
        var lines = string.Join("\n", data.Incidents.Select(i => "\u001e" + ModelFeatures.Incidents.ToJson(i))) + "\n";
        var batch = await ModelFeatures.Incidents.ReadBatchAsync(GeoJsonFeatureStreams.ReadSequenceAsync(Utf8(lines)));
        Assert.True(batch.IsValid);
        Assert.Equal(data.Incidents.Select(i => i.WithClaims([])), batch.Values);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, to exercise the parser at every buffer boundary.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
