using System.Net;
using StreamMetrics.Cli.Tests.Commands;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Hosting.Http;

namespace StreamMetrics.Cli.Tests.Http;

public sealed class EndpointOptionTests
{
    [Theory]
    [InlineData("127.0.0.1:9464", "127.0.0.1", 9464)]
    [InlineData("0.0.0.0:9464", "0.0.0.0", 9464)]
    [InlineData("localhost:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9465", "::1", 9465)]
    public void Http_takes_an_address_and_a_port(string text, string address, int port)
    {
        Assert.True(OperatorHttpOptions.TryParseEndpoint(text, out var endpoint, out var error), error);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint);
    }

    [Theory]
    [InlineData("9464")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("metrics.example:9464")]
    [InlineData("::1:9464")]
    public async Task A_bad_http_value_is_refused_naming_the_value_and_an_example(string value)
    {
        var run = await RunAsync("--http", value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--http = '{value}' is not HOST:PORT", run.Error);
        Assert.Contains("127.0.0.1:9464", run.Error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    public async Task A_metrics_max_types_out_of_range_is_refused_naming_the_value_and_the_range(string value)
    {
        var run = await RunAsync("--metrics-max-types", value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--metrics-max-types = {value}, must be between 1 and 10000", run.Error);
    }

    private static Task<CommandRun> RunAsync(string option, string value) =>
        CommandRun.InvokeAsync(ServiceCommands.Create().Single(c => c.Name == "run"), ["run", option, value]);
}
