using System.Net;
using StreamMetrics.Hosting.Demo;
using StreamMetrics.Hosting.Http;

namespace StreamMetrics.Cli.Tests.Http;

/// <summary>
/// One demo with the operators' endpoint on a free port, shared by the tests that scrape it and drive its page: a demo
/// takes seconds to warm up, and two at once would compete for the machine's two cores. It runs until the tests are done.
/// </summary>
public sealed class LiveDemo : IAsyncLifetime
{
    /// <summary>Longer than the tests need; the fixture stops the demo when they are done.</summary>
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(150);

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<DemoProgress> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;

    /// <summary>The endpoint's address, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        var demo = new DemoRun(Duration, seed: 7, TextWriter.Null)
        {
            Http = new OperatorHttpOptions { Endpoint = new IPEndPoint(IPAddress.Loopback, 0) },
        };
        _run = demo.RunAsync(async (progress, stop) =>
        {
            _started.TrySetResult(progress);
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }, _stop.Token);
        var started = await Task.WhenAny(_started.Task, _run);
        if (started == _run)
            await _run; // it failed before it served anything: show why
        Address = (await _started.Task).Http ?? throw new InvalidOperationException("the demo serves no HTTP endpoint");
    }

    public async Task<string> GetAsync(string path) => await Http.GetStringAsync(new Uri(Address, path));

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Stopped as intended.
        }
        Http.Dispose();
        _stop.Dispose();
    }
}
