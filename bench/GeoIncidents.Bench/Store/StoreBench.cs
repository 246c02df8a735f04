using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using GeoIncidents.Core.Model;
using GeoIncidents.Core.Seed;
using GeoIncidents.Core.Spatial;
using GeoIncidents.Core.Storage;
using GeoIncidents.Storage.GpkgStore;
using GeoIncidents.Storage.PostGis;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace GeoIncidents.Bench.Store;

/// <summary>
/// <c>store setup|measure --pg CONN --work DIR [--count N] [--boxes N] [--repeats N] [--only all|bbox|regions]</c>: the store benchmarks of
/// issue 5, run by ../compare-store.sh. <c>setup</c> writes N deterministic incidents (<see cref="BenchData"/>) into a
/// GeoPackage store and a PostGIS store through the store's batch write, and the same points into a plain PostGIS
/// table with a GiST index, plus the first-level units and 80 synthetic polygons as PostGIS tables with GiST indexes.
/// <c>measure</c> times, in one process, (1) bbox queries returning 80..120 features through our store on both
/// backends against the hand-written PostGIS query, and (2) point-in-region assignment of all N points with
/// <see cref="PointInAreaIndex"/> (1 and 2 threads) against PostGIS's <c>ST_Contains</c> join, and checks that both
/// assign the same region to every point.
/// </summary>
internal static class StoreBench
{
    private const string StoreDatabase = "bench_store";
    private const string PeerDatabase = "bench_peer";
    private const int BatchSize = 100_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] is not ("setup" or "measure"))
        {
            Console.Error.WriteLine("usage: GeoIncidents.Bench store setup|measure --pg CONNECTION --work DIR [--count 1000000] [--boxes 400] [--repeats 5] [--only all|bbox|regions]");
            return 2;
        }

        var options = Options.Parse(args[2..]);
        Directory.CreateDirectory(options.Work);
        return args[1] == "setup" ? await SetupAsync(options) : await MeasureAsync(options);
    }

    private static async Task<int> SetupAsync(Options o)
    {
        var total = Stopwatch.StartNew();
        var data = BenchData.Generate(o.Count);
        var actor = StoreActor.CommandLine("bench");

        // 1) GeoPackage store, through the store's batch write (one transaction and one batch revision per 100,000).
        var gpkg = Path.Combine(o.Work, "bench.gpkg");
        foreach (var f in new[] { gpkg, gpkg + "-wal", gpkg + "-shm" })
        {
            File.Delete(f);
        }

        var watch = Stopwatch.StartNew();
        await using (var store = await GeoPackageStore.OpenAsync(gpkg, TimeProvider.System, create: true, actor))
        {
            await LoadAsync(store, data, actor);
        }

        Report($"setup: GeoPackage store: {o.Count:N0} incidents in {watch.Elapsed.TotalSeconds:F1} s ({o.Count / watch.Elapsed.TotalSeconds:N0}/s), {new FileInfo(gpkg).Length / 1e6:F0} MB");

        // 2) PostGIS store, the same way.
        await ExecuteAsync(o.Pg, $"DROP DATABASE IF EXISTS {StoreDatabase} WITH (FORCE)");
        watch.Restart();
        await using (var store = await PostGisStore.OpenAsync(Database(o.Pg, StoreDatabase), TimeProvider.System, create: true, actor))
        {
            await LoadAsync(store, data, actor);
        }

        await ExecuteAsync(Database(o.Pg, StoreDatabase), "VACUUM ANALYZE incidents");
        Report($"setup: PostGIS store: {o.Count:N0} incidents in {watch.Elapsed.TotalSeconds:F1} s ({o.Count / watch.Elapsed.TotalSeconds:N0}/s), incl. VACUUM ANALYZE");

        // 3) The peer: a plain table (binary COPY), GiST on the points, the same order index as the store's.
        await ExecuteAsync(o.Pg, $"DROP DATABASE IF EXISTS {PeerDatabase} WITH (FORCE)");
        await ExecuteAsync(o.Pg, $"CREATE DATABASE {PeerDatabase}");
        var peer = Database(o.Pg, PeerDatabase);
        watch.Restart();
        await ExecuteAsync(peer, """
            CREATE EXTENSION IF NOT EXISTS postgis;
            CREATE TABLE pts (fid bigint PRIMARY KEY, id text COLLATE "C" NOT NULL, title text, type text, status text,
                              occurred text, time_start timestamptz, time_end timestamptz, geom geometry(Point, 4326));
            CREATE TABLE provinces (ord int PRIMARY KEY, id text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL);
            CREATE TABLE synth (ord int PRIMARY KEY, geom geometry(Polygon, 4326) NOT NULL);
            """);
        await using (var source = PeerSource(peer))
        {
            await using var connection = await source.OpenConnectionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync("COPY pts (fid, id, title, type, status, occurred, time_start, time_end, geom) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < data.Count; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync((long)i + 1, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(BenchData.IdOf(i), NpgsqlDbType.Text);
                    await copy.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"Benchmark incident {i}"), NpgsqlDbType.Text);
                    await copy.WriteAsync(WireNames.Of(data.TypeOf(i)), NpgsqlDbType.Text);
                    await copy.WriteAsync("reported", NpgsqlDbType.Text);
                    await copy.WriteAsync(data.DayOf(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                    await copy.WriteAsync(data.TimeStartOf(i), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(data.TimeStartOf(i).AddDays(1), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync((Geometry)new Point(data.Longitudes[i], data.Latitudes[i]) { SRID = 4326 }, NpgsqlDbType.Geometry);
                }

                await copy.CompleteAsync();
            }

            var regions = FirstLevelUnits();
            for (var k = 0; k < regions.Regions.Count; k++)
            {
                await using var command = new NpgsqlCommand("INSERT INTO provinces (ord, id, geom) VALUES ($1, $2, $3)", connection);
                command.Parameters.AddWithValue(k);
                command.Parameters.AddWithValue(regions.Regions[k].Id);
                command.Parameters.AddWithValue((Geometry)regions.Regions[k].Geometry);
                await command.ExecuteNonQueryAsync();
            }

            var synthetic = BenchData.SyntheticPolygons();
            for (var k = 0; k < synthetic.Count; k++)
            {
                await using var command = new NpgsqlCommand("INSERT INTO synth (ord, geom) VALUES ($1, $2)", connection);
                command.Parameters.AddWithValue(k);
                command.Parameters.AddWithValue((Geometry)synthetic[k]);
                await command.ExecuteNonQueryAsync();
            }
        }

        await ExecuteAsync(peer, """
            CREATE INDEX pts_geom ON pts USING gist (geom);
            CREATE INDEX pts_order ON pts (time_start, id);
            CREATE INDEX provinces_geom ON provinces USING gist (geom);
            CREATE INDEX synth_geom ON synth USING gist (geom);
            CREATE TABLE pts_clustered AS SELECT fid, geom FROM pts ORDER BY ST_GeoHash(geom, 12);
            CREATE INDEX pts_clustered_geom ON pts_clustered USING gist (geom);
            """);
        foreach (var table in new[] { "pts", "provinces", "synth", "pts_clustered" })
        {
            await ExecuteAsync(peer, $"VACUUM ANALYZE {table}"); // one statement each: VACUUM refuses a multi-statement batch
        }

        Report($"setup: PostGIS peer tables (binary COPY, GiST, VACUUM ANALYZE) in {watch.Elapsed.TotalSeconds:F1} s");
        Report($"setup: total {total.Elapsed.TotalMinutes:F1} min");
        return 0;
    }

    private static async Task LoadAsync(IGeoIncidentStore store, BenchData data, StoreActor actor)
    {
        for (var start = 0; start < data.Count; start += BatchSize)
        {
            var end = Math.Min(data.Count, start + BatchSize);
            var source = BatchSource.FromBytes(string.Create(CultureInfo.InvariantCulture, $"bench: incidents {start}..{end - 1}"), BitConverter.GetBytes(start));
            var result = await store.WriteBatchAsync(Writes(data, start, end), source, actor);
            if (result.CreatedCount != end - start)
            {
                throw new InvalidOperationException($"batch {start}: {result.CreatedCount} created, expected {end - start}");
            }
        }

        static async IAsyncEnumerable<RecordWrite> Writes(BenchData data, int start, int end, [EnumeratorCancellation] CancellationToken ct = default)
        {
            for (var i = start; i < end; i++)
            {
                ct.ThrowIfCancellationRequested();
                yield return RecordWrite.Create(data.Incident(i));
            }

            await Task.CompletedTask;
        }
    }

    private static async Task<int> MeasureAsync(Options o)
    {
        var data = BenchData.Generate(o.Count);
        var peer = Database(o.Pg, PeerDatabase);
        await using var peerSource = PeerSource(peer);
        await using var gpkg = await GeoPackageStore.OpenAsync(Path.Combine(o.Work, "bench.gpkg"), TimeProvider.System, create: false);
        await using var pg = await PostGisStore.OpenAsync(Database(o.Pg, StoreDatabase), TimeProvider.System, create: false);
        Report($"measure: {o.Count:N0} incidents; {Environment.ProcessorCount} processors; load average {LoadAverage()}");

        var ok = o.Only == "regions" || await MeasureBboxAsync(o, data, gpkg, pg, peerSource);
        if (o.Only != "bbox")
        {
            var regions = SeedData.Load().Regions;
            var synthetic = BenchData.SyntheticPolygons();
            ok &= await MeasurePointInRegionAsync(o, data, "first-level units (89)", () => PointInRegionIndex.FirstLevel(regions).Areas, "provinces", peerSource);
            ok &= await MeasurePointInRegionAsync(o, data, "synthetic (80 x 2,000 vertices)", () => new PointInAreaIndex([.. synthetic]), "synth", peerSource);
        }

        Report($"measure: load average {LoadAverage()}");
        return ok ? 0 : 1;
    }

    private static async Task<bool> MeasureBboxAsync(Options o, BenchData data, IGeoIncidentStore gpkg, IGeoIncidentStore pg, NpgsqlDataSource peer)
    {
        var boxes = Boxes(data, o.Boxes, seed: 5);
        var warmUp = Boxes(data, 300, seed: 6);
        Report($"bbox: {boxes.Count} boxes of {BoxSideFor(data.Count):F4} deg x {BoxSideFor(data.Count):F4} deg, {boxes.Min(b => b.Count)}..{boxes.Max(b => b.Count)} features each (median {Median(boxes.Select(b => (double)b.Count).ToList()):F0}); Limit 100, ordered by time then id");

        var runners = new (string Name, Func<BoundingBox, Task<List<string>>> Run)[]
        {
            ("GeoPackage store", box => StoreQueryAsync(gpkg, box)),
            ("PostGIS store", box => StoreQueryAsync(pg, box)),
            ("PostGIS hand-written SQL", box => PeerQueryAsync(peer, box)),
        };

        // Warm-up (not timed) on other boxes: tiered JIT (with PGO it takes a few hundred calls to reach the final
        // code), connection pools and caches, as in a running service.
        // Rounds of warm-up until a whole round compiles fewer than 20 methods (tier-0, then instrumented, then tier-1
        // code: on a loaded machine the background JIT gets little CPU and this takes several rounds), at most 10.
        var rounds = 0;
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var (_, run) in runners)
            {
                foreach (var b in warmUp)
                {
                    await run(b.Box);
                }
            }

            rounds++;
            await Task.Delay(200); // let the tiering delay (100 ms without new tier-0 code) pass and the background JIT finish
        }
        while (rounds < 10 && System.Runtime.JitInfo.GetCompiledMethodCount() - compiled >= 20);

        Report($"bbox: warm-up {rounds} round(s) of {warmUp.Count} boxes per runner; {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods compiled");

        var latencies = runners.Select(_ => new List<double>()).ToArray();
        var wrong = 0;
        for (var i = 0; i < boxes.Count; i++)
        {
            List<string>? reference = null;
            for (var k = 0; k < runners.Length; k++)
            {
                // Rotate the order so that no runner always goes first (caches, load of other processes).
                var r = (k + i) % runners.Length;
                var watch = Stopwatch.StartNew();
                var ids = await runners[r].Run(boxes[i].Box);
                latencies[r].Add(watch.Elapsed.TotalMilliseconds);
                if (ids.Count != Math.Min(100, boxes[i].Count) || (reference is not null && !reference.SequenceEqual(ids)))
                {
                    wrong++;
                }

                reference ??= ids;
            }
        }

        var peerMedian = Median(latencies[2]);
        var peerP95 = Percentile(latencies[2], 0.95);
        for (var r = 0; r < runners.Length; r++)
        {
            var median = Median(latencies[r]);
            var p95 = Percentile(latencies[r], 0.95);

            // The same box's queries run back to back, so the per-box ratio is the least sensitive to other load.
            var perBox = Median(latencies[r].Select((l, i) => l / latencies[2][i]).ToList());
            Report($"bbox: {runners[r].Name,-26} median {median,7:F3} ms  p95 {p95,7:F3} ms  min {latencies[r].Min(),7:F3} ms  ratio to hand-written: median {median / peerMedian:F2}x, p95 {p95 / peerP95:F2}x, median of per-box ratios {perBox:F2}x");
        }

        Report($"bbox: {wrong} of {boxes.Count * runners.Length} answers differed in count or ids from the others or from the in-memory count");
        return wrong == 0;
    }

    private static async Task<List<string>> StoreQueryAsync(IGeoIncidentStore store, BoundingBox box)
    {
        var page = await store.Incidents.QueryAsync(new RecordQuery { Bbox = box, Limit = 100 });
        return page.Items.Select(s => s.Record.Id).ToList();
    }

    private static async Task<List<string>> PeerQueryAsync(NpgsqlDataSource source, BoundingBox box)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT id, title, type, status, occurred, time_start, time_end, geom FROM pts
            WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))
            ORDER BY time_start, id LIMIT 100
            """,
            connection);
        command.Parameters.AddWithValue(box.WestDegrees);
        command.Parameters.AddWithValue(box.SouthDegrees);
        command.Parameters.AddWithValue(box.EastDegrees);
        command.Parameters.AddWithValue(box.NorthDegrees);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>(100);
        while (await reader.ReadAsync())
        {
            // Read every column, as an application would.
            ids.Add(reader.GetString(0));
            _ = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<Geometry>(7));
        }

        return ids;
    }

    private static async Task<bool> MeasurePointInRegionAsync(Options o, BenchData data, string label, Func<PointInAreaIndex> build, string table, NpgsqlDataSource peer)
    {
        var buildWatch = Stopwatch.StartNew();
        var index = build();
        var buildMs = buildWatch.Elapsed.TotalMilliseconds;
        var n = data.Count;
        var ours = new int[n];
        var one = new List<double>();
        var two = new List<double>();
        index.Assign(data.Longitudes.AsSpan(0, Math.Min(n, 100_000)), data.Latitudes.AsSpan(0, Math.Min(n, 100_000)), ours.AsSpan(0, Math.Min(n, 100_000))); // warm-up
        for (var r = 0; r < o.Repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            index.Assign(data.Longitudes, data.Latitudes, ours);
            one.Add(n / watch.Elapsed.TotalSeconds);
            watch.Restart();
            index.AssignParallel(data.Longitudes, data.Latitudes, ours, maxDegreeOfParallelism: 2);
            two.Add(n / watch.Elapsed.TotalSeconds);
        }

        // PostGIS, one backend (no parallel workers): the join as written (the planner picks the loop order), the same
        // count with the polygons forced outside (LATERAL), where every polygon meets its points one after another and
        // PostGIS's prepared-geometry cache is reused, and the join on a copy of the points stored in geohash order
        // (each polygon's index scan then reads neighbouring heap pages); then the join with up to 2 parallel workers.
        var peers = new (string Name, string Sql, int Workers, List<double> Rates)[]
        {
            ("PostGIS join, 1 backend", $"SELECT count(*) FROM pts p JOIN {table} r ON ST_Contains(r.geom, p.geom)", 0, []),
            ("PostGIS lateral, 1 backend", $"SELECT count(*) FROM {table} r CROSS JOIN LATERAL (SELECT 1 FROM pts p WHERE ST_Contains(r.geom, p.geom)) x", 0, []),
            ("PostGIS clustered, 1 backend", $"SELECT count(*) FROM pts_clustered p JOIN {table} r ON ST_Contains(r.geom, p.geom)", 0, []),
            ("PostGIS join, <=2 workers", $"SELECT count(*) FROM pts p JOIN {table} r ON ST_Contains(r.geom, p.geom)", 2, []),
        };
        long pgCount = 0;
        var plans = new List<string>();
        await using (var connection = await peer.OpenConnectionAsync())
        {
            foreach (var (_, sql, _, _) in peers.Take(2))
            {
                await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
                await using var reader = await explain.ExecuteReaderAsync();
                var nodes = new List<string>();
                while (await reader.ReadAsync())
                {
                    var line = reader.GetString(0).Trim().TrimStart('-', '>', ' ');
                    nodes.Add(line[..Math.Max(0, line.IndexOf("  (", StringComparison.Ordinal))]);
                }

                plans.Add(string.Join(" / ", nodes.Where(n => n.Length > 0)));
            }

            for (var r = 0; r < Math.Max(1, o.Repeats / 2) + 1; r++)
            {
                foreach (var (_, sql, workers, rates) in peers)
                {
                    await using (var set = new NpgsqlCommand($"SET max_parallel_workers_per_gather = {workers}", connection))
                    {
                        await set.ExecuteNonQueryAsync();
                    }

                    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
                    var watch = Stopwatch.StartNew();
                    var count = (long)(await command.ExecuteScalarAsync())!;
                    if (pgCount != 0 && count != pgCount)
                    {
                        throw new InvalidOperationException($"the PostGIS formulations disagree: {pgCount} and {count} points");
                    }

                    pgCount = count;
                    if (r > 0)
                    {
                        rates.Add(n / watch.Elapsed.TotalSeconds); // the first round warms the caches
                    }
                }
            }
        }

        // Agreement, point by point: PostGIS's regions per point (ST_Contains) against our first covering region.
        var pgFirst = new int[n];
        var pgHits = new byte[n];
        Array.Fill(pgFirst, PointInAreaIndex.NoArea);
        await using (var connection = await peer.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand($"SELECT p.fid, r.ord FROM pts p JOIN {table} r ON ST_Contains(r.geom, p.geom)", connection) { CommandTimeout = 600 })
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var i = (int)(reader.GetInt64(0) - 1);
                var ord = reader.GetInt32(1);
                pgFirst[i] = pgFirst[i] == PointInAreaIndex.NoArea ? ord : Math.Min(pgFirst[i], ord);
                pgHits[i]++;
            }
        }

        index.Assign(data.Longitudes, data.Latitudes, ours);
        var assigned = ours.Count(v => v != PointInAreaIndex.NoArea);
        var mismatches = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (ours[i] != pgFirst[i])
            {
                mismatches.Add(i);
            }
        }

        var onBoundary = mismatches.Count(i => index.FindAll(data.Longitudes[i], data.Latitudes[i]).Count > 1 || pgHits[i] > 1);
        var (m1, b1) = (Median(one), one.Max());
        var (m2, b2) = (Median(two), two.Max());
        Report($"pip {label}: index built in {buildMs:F0} ms (first build in the process, JIT included): {index.Statistics}");
        Report($"pip {label}: ours 1 thread   median {m1 / 1e6,6:F2} M/s  best {b1 / 1e6,6:F2} M/s  ({assigned:N0} of {n:N0} points in a region)");
        Report($"pip {label}: ours 2 threads  median {m2 / 1e6,6:F2} M/s  best {b2 / 1e6,6:F2} M/s  (scaling {m2 / m1:F2}x)");
        foreach (var (name, _, _, rates) in peers)
        {
            Report($"pip {label}: {name,-29} median {Median(rates) / 1e6,6:F2} M/s  best {rates.Max() / 1e6,6:F2} M/s  (count {pgCount:N0})");
        }

        Report($"pip {label}: plans: join: {plans[0]}; lateral: {plans[1]}");
        var bestPeer = peers.Take(3).OrderByDescending(p => Median(p.Rates)).First();
        Report($"pip {label}: ratio ours 1 thread / faster PostGIS 1 backend ({bestPeer.Name}): median {m1 / Median(bestPeer.Rates):F1}x, best {b1 / bestPeer.Rates.Max():F1}x");
        Report($"pip {label}: agreement: {mismatches.Count} points differ ({onBoundary} of them on a boundary or in two regions){(mismatches.Count > 0 ? ", e.g. " + string.Join("; ", mismatches.Take(5).Select(i => FormattableString.Invariant($"#{i} ({data.Longitudes[i]:R} {data.Latitudes[i]:R}) ours {ours[i]} PostGIS {pgFirst[i]}"))) : string.Empty)}");
        return mismatches.Count == onBoundary;
    }

    /// <summary>The side of a square box holding 100 points on average (0.0505° for 1,000,000 points).</summary>
    private static double BoxSideFor(int count) => Math.Sqrt((BenchData.East - BenchData.West) * (BenchData.North - BenchData.South) * 100.0 / count);

    /// <summary>Square boxes expected to hold 100 points, kept when they hold 80..120 (counted in memory).</summary>
    private static List<(BoundingBox Box, int Count)> Boxes(BenchData data, int wanted, int seed)
    {
        var side = BoxSideFor(data.Count);
        var cell = side;
        var nx = (int)Math.Ceiling((BenchData.East - BenchData.West) / cell);
        var ny = (int)Math.Ceiling((BenchData.North - BenchData.South) / cell);
        var buckets = new List<int>[nx * ny];
        for (var i = 0; i < data.Count; i++)
        {
            var c = Math.Min(nx - 1, (int)((data.Longitudes[i] - BenchData.West) / cell));
            var r = Math.Min(ny - 1, (int)((data.Latitudes[i] - BenchData.South) / cell));
            (buckets[(r * nx) + c] ??= []).Add(i);
        }

        var random = new Random(seed);
        var boxes = new List<(BoundingBox, int)>();
        while (boxes.Count < wanted)
        {
            var w = BenchData.West + (random.NextDouble() * (BenchData.East - BenchData.West - side));
            var s = BenchData.South + (random.NextDouble() * (BenchData.North - BenchData.South - side));
            var box = BoundingBox.FromWestSouthEastNorth(w, s, w + side, s + side);
            var count = 0;
            for (var r = (int)((s - BenchData.South) / cell); r <= Math.Min(ny - 1, (int)((s + side - BenchData.South) / cell)); r++)
            {
                for (var c = (int)((w - BenchData.West) / cell); c <= Math.Min(nx - 1, (int)((w + side - BenchData.West) / cell)); c++)
                {
                    foreach (var i in buckets[(r * nx) + c] ?? [])
                    {
                        var (x, y) = (data.Longitudes[i], data.Latitudes[i]);
                        count += x >= w && x <= w + side && y >= s && y <= s + side ? 1 : 0;
                    }
                }
            }

            if (count is >= 80 and <= 120)
            {
                boxes.Add((box, count));
            }
        }

        return boxes;
    }

    private static PointInRegionIndex FirstLevelUnits() => PointInRegionIndex.FirstLevel(SeedData.Load().Regions);

    private static NpgsqlDataSource PeerSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }

    private static string Database(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + ((rank - lo) * (sorted[hi] - sorted[lo]));
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static void Report(string line) => Console.WriteLine(line);

    private sealed record Options(string Pg, string Work, int Count, int Boxes, int Repeats, string Only)
    {
        public static Options Parse(string[] args)
        {
            string? pg = null;
            var work = Path.Combine(Path.GetTempPath(), "geoincidents-bench-store");
            var (count, boxes, repeats, only) = (1_000_000, 400, 5, "all");
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = args[i + 1];
                switch (args[i])
                {
                    case "--pg": pg = value; break;
                    case "--work": work = value; break;
                    case "--count": count = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--boxes": boxes = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--repeats": repeats = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--only": only = value is "all" or "bbox" or "regions" ? value : throw new ArgumentException("--only all|bbox|regions"); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            return new Options(pg ?? Environment.GetEnvironmentVariable("GEOINCIDENTS_TEST_PG") ?? throw new ArgumentException("--pg CONNECTION (or GEOINCIDENTS_TEST_PG) is required"), work, count, boxes, repeats, only);
        }
    }
}
