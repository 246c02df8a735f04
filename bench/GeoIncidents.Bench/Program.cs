using BenchmarkDotNet.Running;
using GeoIncidents.Bench;

// "throughput ..." is the plain timing mode used by ../compare-geod.sh, "store ..." the one used by
// ../compare-store.sh; anything else goes to BenchmarkDotNet (e.g. `dotnet run -c Release -- --filter '*'`).
if (args.Length > 0 && args[0] == "throughput")
{
    return Throughput.Run(args);
}

// "border LINE FILE [threads] [repeats]": point-to-border throughput, used by ../compare-border.sh.
if (args.Length > 0 && args[0] == "border")
{
    return BorderThroughput.Run(args);
}

// "store setup|measure ...": bbox latency and point-in-province throughput, used by ../compare-store.sh.
if (args.Length > 0 && args[0] == "store")
{
    return await GeoIncidents.Bench.Store.StoreBench.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(GeodesicBenchmarks).Assembly).Run(args);
return 0;
