using System.CommandLine;
using GeoIncidents.Cli.Geod;
using GeoIncidents.Geodesy.Geodesics;

namespace GeoIncidents.Cli.Commands;

/// <summary>
/// <c>geoincidents geod inverse|direct [--input FILE] [--output FILE]</c>: GeodSolve-compatible batch solver on WGS84.
/// inverse reads <c>lat1 lon1 lat2 lon2</c> and writes <c>azi1 azi2 s12</c>; direct reads <c>lat1 lon1 azi1 s12</c>
/// and writes <c>lat2 lon2 azi2</c> (degrees, metres; shortest round-trip decimals, never exponent notation).
/// A bad line gives <c>ERROR: line N: reason</c> on stderr and <c>nan nan nan</c> on stdout; the exit code is then 2.
/// </summary>
internal static class GeodCommand
{
    public static Command Create()
    {
        var geod = new Command("geod", "Solve geodesic problems in batch, one per line in GeodSolve's order (WGS84, Karney 2013)");
        geod.Subcommands.Add(Create("inverse", GeodProblem.Inverse,
            "Inverse problem: lat1 lon1 lat2 lon2 -> azi1 azi2 s12 (degrees, metres)"));
        geod.Subcommands.Add(Create("direct", GeodProblem.Direct,
            "Direct problem: lat1 lon1 azi1 s12 -> lat2 lon2 azi2 (degrees, metres)"));
        return geod;
    }

    private static Command Create(string name, GeodProblem problem, string description)
    {
        var input = new Option<FileInfo?>("--input") { Description = "Read problems from FILE instead of stdin" };
        var output = new Option<FileInfo?>("--output") { Description = "Write answers to FILE instead of stdout" };
        var command = new Command(name, description) { input, output };
        command.SetAction((parse, ct) => Task.FromResult(Run(problem, parse.GetValue(input), parse.GetValue(output), ct)));
        return command;
    }

    private static int Run(GeodProblem problem, FileInfo? inputFile, FileInfo? outputFile, CancellationToken ct)
    {
        if (inputFile is not null && !inputFile.Exists)
        {
            Console.Error.WriteLine($"geoincidents: input file '{inputFile.FullName}' does not exist");
            return ExitCodes.BadInput;
        }

        using var input = inputFile is null
            ? Console.OpenStandardInput()
            : new FileStream(inputFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var output = outputFile is null
            ? Console.OpenStandardOutput()
            : new FileStream(outputFile.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var errors = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false), 1 << 12) { AutoFlush = false };
        var batch = new GeodBatch(problem, Geodesic.Wgs84);
        batch.Run(input, output, errors, ct);
        errors.Flush();
        return batch.BadLines > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
