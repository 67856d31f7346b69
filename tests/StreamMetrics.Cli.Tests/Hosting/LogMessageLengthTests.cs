using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using StreamMetrics.Hosting;

namespace StreamMetrics.Cli.Tests.Hosting;

/// <summary>Log lines at the default level must fit one readable line, with room left for the values they carry.</summary>
public sealed class LogMessageLengthTests
{
    /// <summary>The line limit less the prefix (time, level, category: about 40 characters) and some slack.</summary>
    private const int MaxTemplate = 150;

    /// <summary>What a placeholder stands for when the length is measured: a count, a topic name, a short reason.</summary>
    private const string TypicalValue = "xxxxxxxxxx";

    [Fact]
    public void Every_log_message_from_information_up_fits_a_line_with_room_for_its_values()
    {
        string[] assemblies = ["StreamMetrics.Kafka", "StreamMetrics.Pipeline", "StreamMetrics.Hosting", "StreamMetrics.Replay", "streammetrics"];
        var templates = assemblies
            .SelectMany(name => Assembly.Load(name).GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(templates.Count >= 20, $"only {templates.Count} [LoggerMessage] methods found");
        // A level passed in at run time (Level = None here) may be information or above.
        var tooLong = templates
            .Where(m => m.Attribute!.Level is >= LogLevel.Information || m.Attribute.Level == LogLevel.None)
            .Select(m => (m.Method, Length: Regex.Replace(m.Attribute!.Message, @"\{[A-Za-z]+\}", TypicalValue).Length, m.Attribute.Message))
            .Where(m => m.Length > MaxTemplate && !m.Message.StartsWith("librdkafka", StringComparison.Ordinal))
            .Select(m => $"{m.Method.DeclaringType!.Name}.{m.Method.Name}: {m.Length} characters with typical values")
            .ToList();
        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
        Assert.True(MaxTemplate + 50 <= CompactConsoleFormatter.MaxLine);
    }
}
