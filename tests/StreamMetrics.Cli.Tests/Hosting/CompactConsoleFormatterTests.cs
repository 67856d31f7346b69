using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamMetrics.Hosting;

namespace StreamMetrics.Cli.Tests.Hosting;

public sealed class CompactConsoleFormatterTests
{
    private static string Write(string category, string message, Exception? exception = null, bool verbose = false, LogLevel level = LogLevel.Information)
    {
        var formatter = new CompactConsoleFormatter(new FixedOptions(new CompactConsoleFormatterOptions { Verbose = verbose }));
        var output = new StringWriter();
        formatter.Write(new LogEntry<string>(level, category, new EventId(809377783), message, exception, (state, _) => state), null, output);
        return output.ToString();
    }

    [Fact]
    public void An_entry_is_one_line_with_time_level_the_types_own_name_and_the_message()
    {
        var line = Write("StreamMetrics.Kafka.Messaging.EventConsumer", "group streammetrics: assigned events[0-31]");

        Assert.Matches(@"^\d\d:\d\d:\d\d info EventConsumer: group streammetrics: assigned events\[0-31\]\r?\n$", line);
    }

    [Fact]
    public void A_long_message_is_cut_at_the_line_limit_and_says_so()
    {
        var line = Write("Confluent.Kafka.Native", new string('x', 500), level: LogLevel.Warning).TrimEnd();

        Assert.Equal(CompactConsoleFormatter.MaxLine, line.Length);
        Assert.EndsWith("x…", line);
        Assert.Contains(" warn Native: ", line);
    }

    [Fact]
    public void An_exception_shows_its_type_and_message_on_the_same_line_and_its_stack_only_when_verbose()
    {
        Exception thrown;
        try
        {
            throw new IOException("disk gone\nfor good");
        }
        catch (IOException e)
        {
            thrown = e;
        }

        var brief = Write("StreamMetrics.Pipeline.Hosting.StreamMetricsService", "The pipeline stream failed", thrown, level: LogLevel.Error);
        var verbose = Write("StreamMetrics.Pipeline.Hosting.StreamMetricsService", "The pipeline stream failed", thrown, verbose: true, level: LogLevel.Error);

        Assert.Single(brief.TrimEnd().Split('\n'));
        Assert.EndsWith("fail StreamMetricsService: The pipeline stream failed (IOException: disk gone for good)", brief.TrimEnd());
        Assert.Contains(" at ", verbose);
        Assert.True(verbose.TrimEnd().Split('\n').Length > 1);
    }

    [Fact]
    public void A_generic_category_keeps_its_arguments()
    {
        Assert.Contains(" info Cache<StreamMetrics.Core.Events.StreamEvent>: hit", Write("StreamMetrics.Hosting.Cache<StreamMetrics.Core.Events.StreamEvent>", "hit"));
    }

    private sealed class FixedOptions(CompactConsoleFormatterOptions value) : IOptionsMonitor<CompactConsoleFormatterOptions>
    {
        public CompactConsoleFormatterOptions CurrentValue => value;

        public CompactConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CompactConsoleFormatterOptions, string?> listener) => null;
    }
}
