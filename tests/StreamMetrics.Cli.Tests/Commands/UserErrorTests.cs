using StreamMetrics.Hosting.Commands;

namespace StreamMetrics.Cli.Tests.Commands;

/// <summary>
/// Every command fails the same way on a value its user can fix: exit code 2 and one line on standard error that names
/// the value and the fix, whether the parser or the command found it, and no stack trace.
/// </summary>
public sealed class UserErrorTests
{
    [Theory]
    [InlineData("run --shutdown-timeout -5s", "--shutdown-timeout = '-5s' is not a duration")]
    [InlineData("run --bucket 0.5x", "--bucket = '0.5x' is not a duration")]
    [InlineData("run --type-policy oracle", "oracle")]
    [InlineData("run --unknown-key 1", "--unknown-key")]
    [InlineData("evaluate azure2019-minute-d01 --durations azure2019-functions-d01 --policies kpa,lambda", "--policies: 'lambda' is unknown: use predictive, kpa")]
    [InlineData("evaluate azure2019-minute-d01 --durations azure2019-functions-d01 --top 0", "--top = 0, must be at least 1")]
    [InlineData("evaluate azure2019-minute-d01 --durations azure2019-functions-d01 --headrooms=-0.5,x", "--headrooms: 'x' is not a number between -0.5 and 20")]
    [InlineData("forecast azure2019-minute-d01 --horizons 1,0", "--horizons: '0' is not a whole number of buckets of at least 1")]
    [InlineData("forecast azure2019-minute-d01 --confidence 2", "--confidence = 2, must be between 0.5 and 0.999")]
    [InlineData("forecast azure2019-minute-d01 --train a.bin --gbm-model b.bin", "--train and --gbm-model exclude each other")]
    [InlineData("replay azure2019-minute-d01 --durations azure2019-functions-d01 --speed 0.5", "--speed = 0.5, must be between 1 and 10000")]
    [InlineData("replay azure2019-minute-d01 --durations azure2019-functions-d01 --cold-start 2m", "--cold-start = 2m, must be between 1ms and 1m")]
    [InlineData("produce -b 127.0.0.1:0 -", "--bootstrap-servers '127.0.0.1:0'")]
    [InlineData("demo --duration 2s", "--duration = 2s, must be between 5s and 1d")]
    [InlineData("bench --profile fast", "--profile = 'fast' is not a profile: use minimal, debug or adaptive")]
    public async Task A_bad_value_gives_exit_code_2_and_one_line_naming_it(string args, string expected)
    {
        var run = await RunAsync(args);

        run.AssertUserError(expected);
    }

    [Fact]
    public async Task A_parse_error_points_at_the_commands_help()
    {
        var run = await RunAsync("evaluate azure2019-minute-d01 --durations azure2019-functions-d01 --top 0");

        Assert.Matches(@"\(see `\S+ evaluate --help`\)$", run.Error.TrimEnd());
    }

    [Fact]
    public async Task A_missing_trace_names_the_value_and_the_built_in_choices()
    {
        var run = await RunAsync("evaluate nowhere.csv --durations azure2019-functions-d01 --top 1");

        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        Assert.Contains("'nowhere.csv' does not exist and is not a built-in trace", run.Error);
        Assert.Contains("azure2019-minute-d01", run.Error);
    }

    private static Task<CommandRun> RunAsync(string args) => CommandRun.InvokeAsync(args);
}
