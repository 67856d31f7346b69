using StreamMetrics.Cli;
using StreamMetrics.Cli.Commands;
using StreamMetrics.Hosting.Commands;

if (ReplayProcess.ShouldRestart(args, Environment.GetEnvironmentVariable))
    return await ReplayProcess.RunAsync(args);

return await ServiceCommands.InvokeAsync(CommandCatalog.CreateRoot(), args);
