using System.Collections.Concurrent;
using Spectre.Console;

namespace GeoIncidents.Cli.Terminal;

/// <summary>
/// What long work reports: a value against a maximum (0: unknown), a description, and lines to print. Thread-safe:
/// the work's threads write it, the display reads it.
/// </summary>
internal sealed class ProgressState
{
    private long _value;
    private long _maximum;
    private string _description;

    public ProgressState(string description) => _description = description;

    public long Value => Interlocked.Read(ref _value);

    public long Maximum => Interlocked.Read(ref _maximum);

    public string Description => Volatile.Read(ref _description);

    /// <summary>Lines waiting to be printed on stderr (above the bar on a terminal).</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Set(long value, long maximum, string? description = null)
    {
        Interlocked.Exchange(ref _value, value);
        Interlocked.Exchange(ref _maximum, maximum);
        if (description is not null)
        {
            Volatile.Write(ref _description, description);
        }
    }
}

/// <summary>
/// Progress of long work on stderr (DESIGN.md: progress on a terminal, quiet when redirected): a Spectre.Console bar
/// when stderr is a terminal; nothing when it is redirected. Lines the work emits (e.g. every bad record of an
/// import) go to stderr in both cases, above the bar on a terminal. stdout is never touched.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>True when stderr is a terminal (a bar is drawn).</summary>
    public static bool Interactive => !Console.IsErrorRedirected;

    /// <summary>Runs work with a progress display.</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="state">The state the work updates.</param>
    /// <param name="work">The work.</param>
    /// <returns>The work's result.</returns>
    public static async Task<T> RunAsync<T>(ProgressState state, Func<Task<T>> work)
    {
        if (!Interactive)
        {
            var task = work();
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(100)).ConfigureAwait(false);
                await FlushLinesAsync(state).ConfigureAwait(false);
            }

            await FlushLinesAsync(state).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask(Markup.Escape(state.Description), maxValue: 1);
                var task = work();
                while (true)
                {
                    var done = task.IsCompleted;
                    while (state.Lines.TryDequeue(out var line))
                    {
                        console.WriteLine(line, Style.Plain);
                    }

                    var maximum = state.Maximum;
                    bar.IsIndeterminate = maximum <= 0;
                    bar.MaxValue = Math.Max(1, maximum);
                    bar.Value = Math.Min(state.Value, bar.MaxValue);
                    bar.Description = Markup.Escape(state.Description);
                    if (done)
                    {
                        break;
                    }

                    await Task.WhenAny(task, Task.Delay(100)).ConfigureAwait(false);
                }

                return await task.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static async Task FlushLinesAsync(ProgressState state)
    {
        while (state.Lines.TryDequeue(out var line))
        {
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
        }
    }
}
