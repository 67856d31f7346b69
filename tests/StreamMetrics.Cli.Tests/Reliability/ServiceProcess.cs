using System.Diagnostics;
using System.Globalization;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// <c>streammetrics-service</c> in a process of its own, as it is deployed, with its standard error kept for the test to
/// read. Disposing kills it if it still runs.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_log)
                    _log.WriteLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the service wrote to standard error so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static ServiceProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streammetrics-service.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>Waits until the service has written <paramref name="text"/>; fails with its log otherwise.</summary>
    public Task WaitForLogAsync(string text, TimeSpan timeout) =>
        Eventually.True(() => Log.Contains(text, StringComparison.Ordinal), () => $"no '{text}' from the service:\n{Log}", timeout);

    /// <summary>
    /// The most resident memory the process has had so far (VmHWM of <c>/proc/PID/status</c>), in MiB: its peak working
    /// set, managed heap, native buffers and code alike.
    /// </summary>
    public long PeakResidentMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024;
    }

    /// <summary>Sends SIG<paramref name="name"/> as an operator's <c>kill</c> would.</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
