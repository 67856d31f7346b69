using System.CommandLine;
using StreamMetrics.Cli.Commands;

var root = new RootCommand(
    "StreamMetrics: forecasts each event type's load, chooses its metric profile before an instance starts, " +
    "scales the worker pool ahead of bursts, and publishes sampled metrics to Kafka.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
