using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Hosting.Commands;

/// <summary><c>streammetrics produce</c>: JSON-lines events in, Avro <c>Event</c> records out.</summary>
internal static class ProduceCommand
{
    public const int ExitMalformed = 2;
    private const int InFlightLimit = 20_000;

    public static Command Create()
    {
        var bootstrap = CommonOptions.BootstrapServers(required: true);
        var topic = new Option<string>("--topic", "-t")
        {
            Description = $"Topic to publish to (default {StandardTopics.Events})",
            DefaultValueFactory = _ => StandardTopics.Events,
        };
        var input = new Argument<string>("FILE")
        {
            Description = "JSON-lines file of events, or - for standard input. One event per line: " +
                          """{"type":"checkout","key":"o-17","ts":"2026-11-28T10:00:00Z","payload":{"amount":12.5}}""" +
                          $" — type required; key optional (default \"\"); ts optional ISO-8601 with Z or an offset (default: now); payload any JSON",
        };
        var kafkaProperty = CommonOptions.KafkaProperty();
        var command = new Command("produce",
            "Publish JSON-lines events as Avro single-object Event records, keyed by event type, with an idempotent producer. " +
            "A malformed line is reported on stderr with its line number and the reason, and skipped; blank lines are ignored. " +
            $"Exit code: 0 when every line was published; {ExitMalformed} when some lines were malformed (the others were published), " +
            "or, with one line saying what to fix and nothing published, when Kafka cannot be reached or FILE does not exist; " +
            "1 when a record could not be delivered.")
        {
            bootstrap,
            topic,
            input,
            kafkaProperty,
        };
        command.SetGuardedAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var servers = parse.GetValue(bootstrap)!;
            if (KafkaConnection.Check(servers, parse.GetValue(kafkaProperty)!, out var clients, out _) is { } problem)
                throw new ArgumentException(problem);
            var path = parse.GetValue(input)!;
            if (path != "-" && !File.Exists(path))
                throw new FileNotFoundException($"FILE '{path}' does not exist; give a JSON-lines file, or - to read standard input", path);
            using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path, Encoding.UTF8);
            return await PublishAsync(reader, clients!, parse.GetValue(topic)!, output, error, TimeProvider.System, ct);
        });
        return command;
    }

    internal static async Task<int> PublishAsync(
        TextReader reader, KafkaClients clients, string topic, TextWriter output, TextWriter error, TimeProvider time, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var publisher = new RecordPublisher(clients);
        var inFlight = new List<Task>(InFlightLimit);
        long lineNumber = 0, published = 0, malformed = 0, failed = 0;
        string? firstFailure = null;

        async Task Settle()
        {
            foreach (var task in inFlight)
            {
                try
                {
                    await task;
                    published++;
                }
                catch (ProduceException<string?, byte[]> e)
                {
                    failed++;
                    firstFailure ??= e.Error.Reason;
                }
            }
            inFlight.Clear();
        }

        while (await ReadLineAsync(reader, ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var decoded = JsonEvents.Parse(Encoding.UTF8.GetBytes(line), time.GetUtcNow());
            if (!decoded.IsAccepted)
            {
                malformed++;
                await error.WriteLineAsync($"line {lineNumber}: {decoded.Rejection.Describe()} — skipped");
                continue;
            }
            var evt = decoded.Event.Value;
            inFlight.Add(publisher.PublishAsync(topic, evt.Type, AvroCodecs.Event.Encode(evt), ct));
            if (inFlight.Count >= InFlightLimit)
                await Settle();
        }
        await Settle();
        publisher.Flush(TimeSpan.FromSeconds(10));

        var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
        await output.WriteLineAsync(
            $"published {published} events to {topic} in {seconds:0.00} s ({published / seconds:0} events/s); " +
            $"{malformed} malformed lines skipped; {failed} not delivered");
        if (failed > 0)
        {
            await error.WriteLineAsync($"{failed} events could not be delivered to {topic}: {firstFailure}");
            return 1;
        }
        return malformed > 0 ? ExitMalformed : 0;
    }

    /// <summary>
    /// The next line, or null at the end. A read from a terminal or pipe does not heed the token, so a read still waiting
    /// is awaited with it (Ctrl-C ends a wait for a line that may never come); a line already buffered costs no task.
    /// </summary>
    private static async ValueTask<string?> ReadLineAsync(TextReader reader, CancellationToken ct)
    {
        var read = reader.ReadLineAsync(ct);
        return read.IsCompleted ? read.Result : await read.AsTask().WaitAsync(ct);
    }
}
