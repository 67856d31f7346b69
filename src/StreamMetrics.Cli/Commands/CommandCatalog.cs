using System.CommandLine;
using StreamMetrics.Hosting.Commands;

namespace StreamMetrics.Cli.Commands;

/// <summary>The <c>streammetrics</c> command line: every subcommand, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(ServiceCommands.Description);
        foreach (var command in All())
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> All() =>
    [
        DemoCommand.Create(),
        .. ServiceCommands.Create(),
        ForecastCommand.Create(),
        EvaluateCommand.Create(),
        ReplayCommand.Create(),
        BenchCommand.Create(),
    ];
}
