using System.CommandLine;

namespace StreamMetrics.Cli.Commands;

/// <summary>Every subcommand of <c>streammetrics</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        BrokerCommand.Create(),
        ProduceCommand.Create(),
        WatchCommand.Create(),
    ];
}
