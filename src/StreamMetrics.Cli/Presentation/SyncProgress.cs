namespace StreamMetrics.Cli.Presentation;

/// <summary>
/// Passes each report on at once, on the reporting thread; the framework's <see cref="Progress{T}"/> posts reports to
/// the thread pool, where a later one can overtake an earlier one.
/// </summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
