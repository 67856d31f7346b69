using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>
/// Watches a running service every few milliseconds until disposed: the most events it had in flight, and the most
/// records its consumer had not yet taken from Kafka (the lag).
/// </summary>
internal sealed class BackpressureProbe : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(5);
    private readonly StreamMetricsService _service;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakInFlight;
    private long _peakLag;

    private BackpressureProbe(StreamMetricsService service)
    {
        _service = service;
        _sampling = Task.Run(SampleAsync);
    }

    public long PeakInFlight => Interlocked.Read(ref _peakInFlight);

    public long PeakLag => Interlocked.Read(ref _peakLag);

    public static BackpressureProbe Start(StreamMetricsService service) => new(service);

    /// <summary>Records of the service's input partitions its consumer has not taken yet, summed.</summary>
    public static long Lag(StreamMetricsService service) => service.Lag().Sum(l => l.Records);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            Raise(ref _peakInFlight, _service.EventsInFlight);
            Raise(ref _peakLag, Lag(_service));
        }
        while (await Tick(timer));
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Raise(ref long peak, long value)
    {
        for (var seen = Interlocked.Read(ref peak); value > seen; seen = Interlocked.Read(ref peak))
            Interlocked.CompareExchange(ref peak, value, seen);
    }
}
