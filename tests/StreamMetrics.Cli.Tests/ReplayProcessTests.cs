namespace StreamMetrics.Cli.Tests;

public sealed class ReplayProcessTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Fact]
    public void Only_replay_without_the_budget_variable_restarts_itself()
    {
        var posix = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

        Assert.Equal(posix, ReplayProcess.ShouldRestart(["replay", "trace.csv", "--durations", "d.csv"], NoVariables));
        Assert.False(ReplayProcess.ShouldRestart(["replay", "trace.csv"], name => name == ReplayProcess.BudgetVariable ? "0" : null));
        Assert.False(ReplayProcess.ShouldRestart(["replay", "--help"], NoVariables));
        Assert.False(ReplayProcess.ShouldRestart(["evaluate", "trace.csv"], NoVariables));
        Assert.False(ReplayProcess.ShouldRestart([], NoVariables));
    }

    [Fact]
    public void The_child_runs_the_same_arguments_with_the_budget_through_the_app_host_or_dotnet()
    {
        string[] args = ["replay", "trace file.csv", "--speed", "60"];

        var host = ReplayProcess.StartInfo(args, "/app/streammetrics", "/app/streammetrics.dll");
        var dotnet = ReplayProcess.StartInfo(args, "/usr/share/dotnet/dotnet", "/app/streammetrics.dll");

        Assert.Equal("/app/streammetrics", host.FileName);
        Assert.Equal(args, host.ArgumentList);
        Assert.Equal(["/app/streammetrics.dll", .. args], dotnet.ArgumentList);
        Assert.Equal(ReplayProcess.Budget, host.Environment[ReplayProcess.BudgetVariable]);
        Assert.False(host.UseShellExecute);
    }
}
