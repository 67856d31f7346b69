using Spectre.Console;
using StreamMetrics.Hosting;
using StreamMetrics.Hosting.Watching;

namespace StreamMetrics.Cli.Presentation;

/// <summary>
/// Shows how far long work (<c>forecast</c>, <c>evaluate</c>, <c>replay</c>, <c>demo</c>) has got, the one way every
/// command does: on a terminal a progress bar with percent, rate and time left, redrawn in place; when the writer is
/// redirected, a plain line every <see cref="PlainEvery"/> and one at the end. The work reports through
/// <see cref="IProgress{T}"/> from any thread, and writes its other lines to <see cref="Status"/>.
/// </summary>
internal sealed class ProgressDisplay
{
    /// <summary>How often a redirected writer gets a line: often enough to see work move, rarely enough for a log to keep.</summary>
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly IAnsiConsole? _console;

    public ProgressDisplay(TextWriter writer, TimeProvider time)
        : this(writer, Terminal.IsLive(writer) ? Terminal.Console(writer) : null, time)
    {
    }

    /// <summary>Draws on <paramref name="console"/> when one is given, else writes plain lines to <paramref name="writer"/>.</summary>
    internal ProgressDisplay(TextWriter writer, IAnsiConsole? console, TimeProvider time)
    {
        _writer = writer;
        _time = time;
        _console = console;
        Status = console is null ? writer : new ConsoleLineWriter(console);
    }

    /// <summary>Where the work writes its other lines; on a terminal they appear above the bar.</summary>
    public TextWriter Status { get; }

    /// <param name="label">What the work is, e.g. "forecast".</param>
    /// <param name="unit">What it counts, e.g. "functions"; null when it is measured in its own time and a rate says nothing.</param>
    /// <param name="work">The work, given where to report.</param>
    /// <param name="table">A status table drawn above the bar (the demo's types), and its title.</param>
    public Task<T> RunAsync<T>(string label, string? unit, Func<IProgress<ProgressUpdate>, Task<T>> work,
        (Func<DateTimeOffset, StatusSnapshot> Snapshot, string Title)? table = null) =>
        _console is null ? RunPlainAsync(label, unit, work, table?.Snapshot) : RunLiveAsync(_console, label, unit, work, table);

    private Task<T> RunLiveAsync<T>(IAnsiConsole console, string label, string? unit, Func<IProgress<ProgressUpdate>, Task<T>> work,
        (Func<DateTimeOffset, StatusSnapshot> Snapshot, string Title)? table)
    {
        List<ProgressColumn> columns = [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn()];
        if (unit is not null)
            columns.Add(new RateColumn(unit));
        columns.AddRange([new RemainingTimeColumn(), new SpinnerColumn()]);
        var progress = new Progress(console, _time).AutoClear(false).Columns([.. columns]);
        if (table is { } above)
            progress.UseRenderHook((bar, _) => new Rows(StatusTable.Render(above.Snapshot(_time.GetUtcNow()), above.Title), bar));
        return progress.StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(label), autoStart: true, maxValue: 1);
            var result = await work(new TaskProgress(task, label));
            task.Value = task.MaxValue;
            return result;
        });
    }

    private async Task<T> RunPlainAsync<T>(string label, string? unit, Func<IProgress<ProgressUpdate>, Task<T>> work,
        Func<DateTimeOffset, StatusSnapshot>? table)
    {
        var latest = new LatestProgress();
        var started = _time.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var printing = PrintEveryAsync(label, unit, latest, started, table, stop.Token);
        T result;
        try
        {
            result = await work(latest);
        }
        finally
        {
            await stop.CancelAsync();
            await printing;
        }
        var last = latest.Value;
        await _writer.WriteLineAsync(ProgressText.Line(label, unit, last with { Done = last.Total }, _time.GetElapsedTime(started)));
        return result;
    }

    private async Task PrintEveryAsync(string label, string? unit, LatestProgress latest, long started,
        Func<DateTimeOffset, StatusSnapshot>? table, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(PlainEvery, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (table is not null)
                {
                    foreach (var line in StatusTable.Lines(table(_time.GetUtcNow())))
                        await _writer.WriteLineAsync(line);
                }
                await _writer.WriteLineAsync(ProgressText.Line(label, unit, latest.Value, _time.GetElapsedTime(started)));
                await _writer.FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // The work is over; the closing line follows.
        }
    }

    /// <summary>Keeps the newest report for the next plain line.</summary>
    private sealed class LatestProgress : IProgress<ProgressUpdate>
    {
        private readonly Lock _gate = new();
        private ProgressUpdate _value;

        public ProgressUpdate Value
        {
            get
            {
                lock (_gate)
                    return _value;
            }
        }

        public void Report(ProgressUpdate value)
        {
            lock (_gate)
                _value = value;
        }
    }

    /// <summary>Moves a Spectre task; its value and description may be set from any thread.</summary>
    private sealed class TaskProgress(ProgressTask task, string label) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            task.MaxValue = Math.Max(value.Total, double.Epsilon);
            task.Value = value.Done;
            task.Description = Markup.Escape(value.Detail is null ? label : $"{label}: {value.Detail}");
        }
    }
}
