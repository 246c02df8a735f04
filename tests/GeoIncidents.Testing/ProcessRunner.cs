using System.Diagnostics;

namespace GeoIncidents.Testing;

/// <summary>Runs an external program (ogrinfo, GeodSolve, ...) and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>The outcome of a run.</summary>
    /// <param name="ExitCode">The process exit code.</param>
    /// <param name="StandardOutput">Everything written to stdout.</param>
    /// <param name="StandardError">Everything written to stderr.</param>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs a program to completion.</summary>
    /// <param name="file">Program name or path.</param>
    /// <param name="arguments">Arguments, passed without a shell.</param>
    /// <param name="standardInput">Text fed to stdin, or null.</param>
    /// <param name="timeout">How long to wait before killing it (default 2 minutes).</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <returns>Exit code and captured output.</returns>
    /// <exception cref="TimeoutException">The program did not finish in time.</exception>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string? standardInput = null,
        TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await p.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
            p.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout ?? TimeSpan.FromMinutes(2)}");
        }

        return new Result(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
