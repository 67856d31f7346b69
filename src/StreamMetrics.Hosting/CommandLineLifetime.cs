using Microsoft.Extensions.Hosting;

namespace StreamMetrics.Hosting;

/// <summary>
/// The host's lifetime when a command runs it: the command line already turns Ctrl-C and SIGTERM into the cancellation
/// that stops the host, so the host does not listen for them a second time.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
