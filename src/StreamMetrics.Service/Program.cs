using System.CommandLine;
using StreamMetrics.Hosting.Commands;

// The service alone: what the container image runs. `streammetrics` offers the same commands beside the simulator's.
var root = new RootCommand(ServiceCommands.Description);
foreach (var command in ServiceCommands.Create())
    root.Subcommands.Add(command);
return await ServiceCommands.InvokeAsync(root, args);
