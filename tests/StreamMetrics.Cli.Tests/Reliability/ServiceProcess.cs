using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// <c>streammetrics-service</c> in a process of its own, as it is deployed: started with a command line, its standard
/// error and output captured, signalled and killed by its process id as an operator's <c>kill</c> would.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>The process id, which signals and kills address.</summary>
    public int Id => _process.Id;

    /// <summary>Standard error so far: the log, the status lines and errors.</summary>
    public string Error => Read(_error);

    /// <summary>Standard output so far.</summary>
    public string Output => Read(_output);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>streammetrics-service</c> with <paramref name="args"/> (e.g. <c>run -b HOST:PORT --group g</c>).</summary>
    public static ServiceProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streammetrics-service.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Completes once standard error has a line containing <paramref name="text"/>; fails with the log so far when the
    /// process ends without one or after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForErrorLineAsync(string text, TimeSpan timeout)
    {
        await Eventually.True(() => Error.Contains(text, StringComparison.Ordinal) || HasExited, () => $"no line with '{text}' on standard error:\n{Error}", timeout);
        if (!Error.Contains(text, StringComparison.Ordinal))
        {
            _process.WaitForExit(); // the last lines
            Assert.True(Error.Contains(text, StringComparison.Ordinal), $"the service ended (exit code {_process.ExitCode}) without a line with '{text}':\n{Error}");
        }
    }

    /// <summary>Sends SIG<paramref name="name"/> (TERM, INT, KILL) by process id, as <c>kill -s NAME PID</c> does.</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process ends at once, with no drain, no commit and no flush.</summary>
    public Task KillAsync() => SignalAsync("KILL");

    /// <summary>The exit code, once the process has ended; fails with the log when it runs longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the service was still running after {timeout.TotalSeconds:0} s:\n{Error}");
        }
        // The asynchronous readers may still hold the last lines; this overload waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

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

    /// <summary>Kills a process a failed test left running, so it does not outlive the test run.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.AppendLine(line);
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
            return text.ToString();
    }
}
