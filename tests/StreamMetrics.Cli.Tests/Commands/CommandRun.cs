using System.CommandLine;
using StreamMetrics.Hosting.Commands;

namespace StreamMetrics.Cli.Tests.Commands;

/// <summary>Runs one subcommand in-process with captured output, through the same error path as the program.</summary>
internal sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public static async Task<CommandRun> InvokeAsync(Command command, string[] args, CancellationToken ct = default)
    {
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await UserErrors.InvokeAsync(root.Parse(args), new InvocationConfiguration { Output = output, Error = error }, ct);
        return new CommandRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>The way every command fails on a value its user can fix: exit code 2, one line <c>error: ...</c> containing <paramref name="expected"/>, no stack trace.</summary>
    public void AssertUserError(string expected)
    {
        Assert.Equal(UserErrors.ExitCode, ExitCode);
        var line = Assert.Single(Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", Error);
    }

    /// <summary>Runs a <c>streammetrics</c> command line (e.g. <c>run --bucket 0.5x</c>) with every command there is.</summary>
    public static async Task<CommandRun> InvokeAsync(string args)
    {
        var root = StreamMetrics.Cli.Commands.CommandCatalog.CreateRoot();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await UserErrors.InvokeAsync(root.Parse(args), new InvocationConfiguration { Output = output, Error = error });
        return new CommandRun(exit, output.ToString(), error.ToString());
    }
}
