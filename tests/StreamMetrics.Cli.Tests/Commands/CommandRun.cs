using System.CommandLine;

namespace StreamMetrics.Cli.Tests.Commands;

/// <summary>Runs one subcommand in-process with captured output.</summary>
internal sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public static async Task<CommandRun> InvokeAsync(Command command, string[] args, CancellationToken ct = default)
    {
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
        return new CommandRun(exit, output.ToString(), error.ToString());
    }
}
