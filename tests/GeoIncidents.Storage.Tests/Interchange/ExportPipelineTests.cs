using System.IO.Pipelines;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.Interchange;
using GeoIncidents.Storage.Tests.Store;
using Microsoft.Data.Sqlite;
using static GeoIncidents.Storage.Tests.Store.StoreFixtures;

namespace GeoIncidents.Storage.Tests.Interchange;

/// <summary>
/// The GeoPackage export reads rows on a second thread in batches (<c>IncidentExporter.PipelinedRowsAsync</c>): its
/// output must be byte for byte the output of the single-threaded path, over several batches, and a failing or
/// cancelled writer must stop the reader without hanging or leaving the store unusable.
/// </summary>
public sealed class ExportPipelineTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geoincidents-export-pipeline-").FullName;
    private GeoPackageStore? _store;

    private GeoPackageStore Store => _store!;

    public async Task InitializeAsync()
    {
        var clock = new ManualClock(T0);
        _store = await GeoPackageStore.OpenAsync(Path.Combine(_folder, "store.gpkg"), clock, create: true, actor: Tester);
        await StoreSeeder.SeedIfEmptyAsync(_store, () => SeedData.Load(clock: clock), Tester);

        // Enough rows for several batches (512 rows each), one of them retracted.
        await _store.WriteBatchAsync(AsWrites(RandomIncidents(1800, seed: 21).Select(RecordWrite.Create)), BatchSource.FromBytes("random", [4, 2]), Tester);
        await _store.Incidents.RetractAsync("inc-21-00007", null, Tester);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task WriteJsonAsync_Pipelined_IsByteIdenticalToTheSingleThreadedPath(bool sequence, bool withBbox)
    {
        var query = withBbox ? new RecordQuery { Bbox = BoundingBox.FromWestSouthEastNorth(45.0, 39.0, 46.5, 40.2) } : new RecordQuery();
        var attribution = await ExportAttribution.FromStoreAsync(Store);

        var (serial, serialCount) = await ExportAsync(query, attribution, sequence, pipelined: false);
        var (pipelined, pipelinedCount) = await ExportAsync(query, attribution, sequence, pipelined: true);

        Assert.Equal(serialCount, pipelinedCount);
        Assert.True(serialCount > (withBbox ? 100 : 1024), $"{serialCount} features: too few for several batches");
        Assert.Equal(serial, pipelined);
    }

    [Fact]
    public async Task WriteGeoJsonAsync_WriterFailsMidway_ThrowsItsErrorAndTheStoreStaysUsable()
    {
        var attribution = await ExportAttribution.FromStoreAsync(Store);
        var pipe = PipeWriter.Create(new FailingStream(failAfterBytes: 300_000), new StreamPipeWriterOptions(minimumBufferSize: 4096));

        var e = await Assert.ThrowsAsync<IOException>(() => IncidentExporter.WriteGeoJsonAsync(Store, new RecordQuery(), pipe, attribution));

        Assert.Equal("disk full", e.Message);
        Assert.Equal(1800 + SeedData.Load().Incidents.Count - 1, await Store.Incidents.CountAsync(new RecordQuery()));
    }

    [Fact]
    public async Task WriteGeoJsonAsync_CancelledMidway_ThrowsOperationCanceled()
    {
        var attribution = await ExportAttribution.FromStoreAsync(Store);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(n =>
        {
            if (n >= 1024)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            IncidentExporter.WriteGeoJsonAsync(Store, new RecordQuery(), PipeWriter.Create(Stream.Null), attribution, progress, cancel.Token));

        Assert.True(await Store.Incidents.CountAsync(new RecordQuery()) > 1800);
    }

    private async Task<(byte[] Bytes, long Count)> ExportAsync(RecordQuery query, ExportAttribution attribution, bool sequence, bool pipelined)
    {
        using var buffer = new MemoryStream();
        var pipe = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        var count = await IncidentExporter.WriteJsonAsync(Store, query, pipe, attribution, sequence, progress: null, pipelined, CancellationToken.None);
        await pipe.CompleteAsync();
        return (buffer.ToArray(), count);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>A stream that accepts a number of bytes, then throws <see cref="IOException"/> ("disk full").</summary>
    private sealed class FailingStream(long failAfterBytes) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written += buffer.Length;
            if (_written > failAfterBytes)
            {
                throw new IOException("disk full");
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
