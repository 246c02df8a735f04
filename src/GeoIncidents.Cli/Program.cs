using System.CommandLine;
using GeoIncidents.Cli;
using GeoIncidents.Cli.Commands;

var root = new RootCommand("geoincidents: map and measure border incidents (geodesic, WGS84)")
{
    ServeCommand.Create(),
    DbCommand.Create(),
    HistoryCommand.Create(),
    ImportCommand.Create(),
    ExportCommand.Create(),
    GeodCommand.Create(),
    MeasureCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One line on stderr per problem, exit 2 (usage), never a stack trace.
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"geoincidents: {error.Message}");
    }

    return ExitCodes.BadInput;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("geoincidents: cancelled");
    return ExitCodes.Failure;
}
#pragma warning disable CA1031 // the CLI's last line of defence: one line on stderr, never a stack trace
catch (Exception ex)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"geoincidents: {ex.Message}");
    return ExitCodes.Failure;
}
