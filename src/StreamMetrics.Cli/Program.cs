using System.CommandLine;
using StreamMetrics.Cli.Commands;
using StreamMetrics.Cli.Hosting;

if (ReplayProcess.ShouldRestart(args, Environment.GetEnvironmentVariable))
    return await ReplayProcess.RunAsync(args);

// On Ctrl-C or SIGTERM the running command is cancelled and given time to drain in-flight events and commit,
// instead of the library's default 2 s before the process is ended.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await CommandCatalog.CreateRoot().Parse(args).InvokeAsync(invocation);
