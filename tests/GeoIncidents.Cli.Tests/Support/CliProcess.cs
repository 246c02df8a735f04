using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GeoIncidents.Testing;

namespace GeoIncidents.Cli.Tests.Support;

/// <summary>Runs the built <c>geoincidents</c> program as a child process, from the filesystem root by default,
/// so tests prove it works from any current directory.</summary>
public static class CliProcess
{
    /// <summary>The built CLI assembly, copied beside the test assembly by the project reference.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "geoincidents.dll");

    /// <summary>Runs the CLI to completion.</summary>
    /// <param name="args">Arguments after <c>geoincidents</c>.</param>
    /// <param name="standardInput">Text for stdin, or null.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <returns>Exit code and output.</returns>
    public static Task<ProcessRunner.Result> RunAsync(IEnumerable<string> args, string? standardInput = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.RunAsync("dotnet", [AssemblyPath, .. args], standardInput, TimeSpan.FromMinutes(3), environment);

    /// <summary>Starts the CLI without waiting (e.g. <c>serve</c>), working directory <c>/</c>.</summary>
    /// <param name="args">Arguments after <c>geoincidents</c>.</param>
    /// <returns>The running process; the caller kills it.</returns>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the CLI without waiting, with extra environment variables, working directory <c>/</c>.</summary>
    /// <param name="environment">Extra environment variables (e.g. XDG_DATA_HOME for a temporary default store).</param>
    /// <param name="args">Arguments after <c>geoincidents</c>.</param>
    /// <returns>The running process; the caller kills it.</returns>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
    }

    /// <summary>A TCP port that was free a moment ago on 127.0.0.1.</summary>
    /// <returns>The port number.</returns>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
