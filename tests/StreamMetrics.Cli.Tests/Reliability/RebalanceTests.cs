using System.IO.Hashing;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;
using Xunit.Abstractions;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// Several <c>streammetrics-service run</c> processes in one group on one embedded cluster: two share the partitions, a
/// third joins mid-stream, one leaves with SIGTERM, one dies with SIGKILL. Every event is processed (counted by the
/// source identity of its <c>cold_start</c> sample); each event type's forecaster state follows its partition, so the
/// new owner's forecasts and per-type scaling continue from the old owner's state.
/// <para>
/// The forecast check needs types that are quiet while they move: a type's forecast is a function of its state and the
/// arrivals since, so one probe type per partition gets a burst before each change (processed before the change) and
/// nothing during it, while other types stream throughout.
/// </para>
/// </summary>
[Trait("Category", "Reliability")]
public sealed class RebalanceTests(ITestOutputHelper output)
{
    private const int Partitions = StandardTopics.EventPartitions;
    private const int ProbeBurst = 40;
    private const int FlowChunk = 5_000;
    private const int FlowTypes = 16;
    // Long enough that a probe type's forecast outlasts a slow change (the embedded cluster took up to three rounds of 9 s).
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    // The services' scaling tick: their decisions are dated on its grid.
    private static readonly TimeSpan TickInterval = new ServiceOptions { BootstrapServers = "" }.TickInterval;
    private static readonly IReadOnlyList<string> Probes = ProbeTypes();

    private const string Config = """
        {
          "functions": { "*": { "function": "synthetic", "durationMs": 5 } },
          "pool": { "coldStart": "0ms", "maxParallelism": 4, "initialParallelism": 4 }
        }
        """;

    private string _bootstrap = "";
    private string _group = "";
    private string _configFile = "";
    private RecordPublisher? _publisher;
    private long _published;
    private readonly List<ServiceProcess> _members = [];

    /// <summary>Each streaming chunk's first offset per partition: the records that streamed while a change happened.</summary>
    private readonly List<long[]> _chunkStarts = [];

    [Fact]
    public async Task Members_join_leave_and_die_mid_stream_nothing_is_lost_and_type_state_follows_its_partition()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync(StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null))), CancellationToken.None);
        _bootstrap = cluster.BootstrapServers;
        _group = $"rebalance-{Guid.NewGuid():N}";
        _configFile = Path.Combine(Path.GetTempPath(), $"{_group}.json");
        await File.WriteAllTextAsync(_configFile, Config);
        using var outputs = new ServiceOutputs(_bootstrap);
        using var publisher = _publisher = new RecordPublisher(KafkaClients.For(_bootstrap));
        var changes = new List<Change>();
        try
        {
            var started = DateTimeOffset.UtcNow;
            using var a = Start("A");
            using var b = Start("B");
            var initial = await GroupAssignments.SettledAsync([a, b], Partitions, started, Timeout);
            output.WriteLine($"two members settled {Seconds(initial.At - started)} after their start");

            // C joins while the first chunk streams, once the probes' burst is in their forecasts (its bucket closed).
            await ProbeBurstAsync(outputs);
            var probesDone = DateTimeOffset.UtcNow;
            await Eventually.True(() =>
            {
                var forecast = outputs.Forecasts().Where(f => f.Record.At > probesDone && f.Record.Forecast.NextBucket.Point > 0)
                    .Select(f => f.Record.Forecast.EventType).ToHashSet();
                return Probes.All(forecast.Contains);
            }, "the probe bursts forecast", Timeout);
            await FlowChunkAsync(outputs);
            var joined = DateTimeOffset.UtcNow;
            using var c = Start("C");
            var afterJoin = await GroupAssignments.SettledAsync([a, b, c], Partitions, joined, Timeout);
            await FollowedAsync(outputs, changes, new Change("C joins", joined, probesDone, initial.Owners, afterJoin, Clean: true));

            // B leaves with SIGTERM while the second chunk streams.
            var afterLeave = await StopMidStreamAsync(outputs, changes, b, "TERM", [a, c], afterJoin.Owners);
            Assert.True(b.ExitCode == 0, $"B exited {b.ExitCode} after SIGTERM:\n{b.Log}");

            // C dies with SIGKILL while the third chunk streams.
            await StopMidStreamAsync(outputs, changes, c, "KILL", [a], afterLeave);

            await FlowChunkAsync(outputs);
            await Eventually.True(() => outputs.Processed == _published, () => $"{outputs.Processed} of {_published} processed", Timeout);

            AssertCounts(outputs, changes, c);
            await a.SignalAsync("TERM");
            await a.WaitForExitAsync(Timeout);
            Assert.True(a.ExitCode == 0, $"A exited {a.ExitCode} after SIGTERM:\n{a.Log}");
        }
        finally
        {
            File.Delete(_configFile);
            // Each member's own account of the rebalances, for whoever reads a failure.
            foreach (var member in _members)
                output.WriteLine($"--- {member.Name}:\n{member.Log}");
        }
    }

    /// <summary>
    /// A probe burst, then a streaming chunk, and while it streams SIG<paramref name="signal"/> to <paramref name="member"/>;
    /// checks the hand-over to <paramref name="rest"/> and returns who owns what then.
    /// </summary>
    private async Task<Dictionary<int, ServiceProcess>> StopMidStreamAsync(
        ServiceOutputs outputs, List<Change> changes, ServiceProcess member, string signal, ServiceProcess[] rest, Dictionary<int, ServiceProcess> before)
    {
        await ProbeBurstAsync(outputs);
        var probesDone = DateTimeOffset.UtcNow;
        await FlowChunkAsync(outputs);
        var stopped = DateTimeOffset.UtcNow;
        await member.SignalAsync(signal);
        await member.WaitForExitAsync(Timeout);
        var after = await GroupAssignments.SettledAsync(rest, Partitions, stopped, Timeout);
        var name = signal == "KILL" ? $"{member.Name} dies (SIGKILL)" : $"{member.Name} leaves (SIG{signal})";
        await FollowedAsync(outputs, changes, new Change(name, stopped, probesDone, before, after, Clean: signal != "KILL"));
        return after.Owners;
    }

    /// <summary>
    /// Checks a change's hand-over before the next probe burst, while the moved probe types are still quiet, and keeps it
    /// for the counts.
    /// </summary>
    private async Task FollowedAsync(ServiceOutputs outputs, List<Change> changes, Change change)
    {
        output.WriteLine($"{change.Name}: settled {Seconds(change.Settled.At - change.At)} after it");
        await AssertStateFollowedAsync(outputs, change);
        changes.Add(change);
    }

    /// <summary>Lost = 0; duplicates are reported, and only partitions that changed owner have any.</summary>
    private void AssertCounts(ServiceOutputs outputs, List<Change> changes, ServiceProcess killed)
    {
        var times = outputs.ProcessedTimes();
        var duplicates = times.Values.Sum(n => n - 1);
        var lost = _published - times.Count;
        output.WriteLine($"events in {_published}, processed {times.Count}, duplicates {duplicates}, lost {lost}");
        // A repeat belongs to the change during whose chunk its record was published; the last chunk had no change.
        for (var i = 0; i < _chunkStarts.Count; i++)
        {
            var (start, end) = (_chunkStarts[i], i + 1 < _chunkStarts.Count ? _chunkStarts[i + 1] : null);
            var repeats = times.Where(t => t.Value > 1 && t.Key.Offset >= start[t.Key.Partition] && (end is null || t.Key.Offset < end[t.Key.Partition])).Sum(t => t.Value - 1);
            var name = i < changes.Count ? $"{changes[i].Name}, {Moved(changes[i]).Count} partitions moved" : "after the last change";
            output.WriteLine($"  records published around {name}: {repeats} repeats");
            if (i >= changes.Count)
                Assert.Equal(0, repeats);
        }
        Assert.Equal(0, lost);
        Assert.All(times.Keys, source => Assert.Equal(StandardTopics.Events, source.Topic));
        var everMoved = changes.SelectMany(Moved).ToHashSet();
        var elsewhere = times.Where(t => t.Value > 1 && !everMoved.Contains(t.Key.Partition)).Select(t => t.Key).ToList();
        Assert.True(elsewhere.Count == 0, $"repeats in partitions that never moved: {string.Join(", ", elsewhere.Take(10))}; killed member's log:\n{killed.Log}");
    }

    /// <summary>
    /// For every probe type whose partition moved: the new owner's first forecast after the change is the one the state
    /// handed over gives (restored by Core's forecaster at that forecast's bucket), that state is not a cold one, and after
    /// a clean change it was written after the type's last events were processed. The new owner's first per-type
    /// scaling decision is the predictive policy's answer to that forecast.
    /// </summary>
    private async Task AssertStateFollowedAsync(ServiceOutputs outputs, Change change)
    {
        var moved = Moved(change);
        var types = Probes.Where(t => moved.Contains(PartitionOf(t))).ToList();
        Assert.NotEmpty(types);
        var warmStarts = 0;
        foreach (var type in types)
        {
            var first = await FirstAsync(outputs.Forecasts, f => f.Forecast.EventType == type && f.At >= change.Settled.At,
                $"{change.Name}: a forecast of '{type}' after the group settled");
            var states = outputs.States().Where(s => s.Type == type && s.Written <= first.Written).ToList();
            Assert.True(states.Count > 0, $"{change.Name}: no state of '{type}' was written before its new owner forecast it");
            var state = states[^1];
            var expected = Restored(type, state.State, first.Record.Forecast.BucketStart);
            Assert.Equal(expected, first.Record.Forecast);
            Assert.NotEqual(Cold(type, first.Record.Forecast.BucketStart), expected);
            if (change.Clean)
                Assert.True(state.Written >= change.ProbesDone, $"{change.Name}: the state of '{type}' handed over was written before its last events were processed");

            if (change.NewOwner(PartitionOf(type)) is var owner && !change.Before.Values.Contains(owner))
            {
                // A decision is dated on the tick grid, up to half a tick before it is made, and the test reads the last
                // assignment some time after the member logged it; the old owner stopped deciding the type at its
                // revocation, seconds before the new assignment.
                var decidedFrom = change.Settled.At - TickInterval;
                var decision = await FirstAsync(outputs.Decisions, d => d.Decision.Scope == type && d.At >= decidedFrom,
                    () => $"{change.Name}: a scaling decision for '{type}' dated from {decidedFrom:HH:mm:ss.fff} (a tick before the group settled); " +
                          $"its decisions read: {DecisionsOf(outputs, type)}");
                var forecast = (await FirstAsync(outputs.Forecasts, f => f.Forecast.EventType == type && f.At == decision.Record.At,
                    $"{change.Name}: the forecast of '{type}' its first decision was made from")).Record.Forecast;
                var fromForecast = FirstDecision(type, forecast, decision.Record.At);
                var fromZero = FirstDecision(type, null, decision.Record.At);
                // A member new to the group has no history of the type: its first decision is the policy's first.
                Assert.Equal(fromForecast.DesiredInstances, decision.Record.Decision.DesiredInstances);
                warmStarts += fromForecast.DesiredInstances > fromZero.DesiredInstances ? 1 : 0;
                output.WriteLine($"    '{type}' on {owner.Name}: forecast {forecast.NextBucket.Point:0.00} [{forecast.NextBucket.Lower:0.00}, {forecast.NextBucket.Upper:0.00}], first floor {decision.Record.Decision.DesiredInstances} (from zero: {fromZero.DesiredInstances}), dated {(decision.Record.At - change.Settled.At).TotalSeconds:+0.00;-0.00} s from the settle seen");
            }
        }
        output.WriteLine($"  {change.Name}: {types.Count} probe types moved, each continued from the state handed over; {warmStarts} started warm where a cold start would have kept none");
        if (change.Before.Values.Distinct().Count() < change.Settled.Owners.Values.Distinct().Count())
            Assert.True(warmStarts > 0, $"{change.Name}: the member that joined kept no instance warm for the types it took over");
    }

    /// <summary>The first record <paramref name="match"/> accepts, once one was read.</summary>
    private static Task<(DateTimeOffset Written, T Record)> FirstAsync<T>(
        Func<List<(DateTimeOffset Written, T Record)>> read, Func<T, bool> match, string what) =>
        FirstAsync(read, match, () => what);

    /// <summary>The first record <paramref name="match"/> accepts, once one was read; <paramref name="what"/> is asked only on failure.</summary>
    private static async Task<(DateTimeOffset Written, T Record)> FirstAsync<T>(
        Func<List<(DateTimeOffset Written, T Record)>> read, Func<T, bool> match, Func<string> what)
    {
        (DateTimeOffset Written, T Record)? found = null;
        await Eventually.True(
            () => (found = read().Where(r => match(r.Record)).Select(r => ((DateTimeOffset, T)?)r).FirstOrDefault()) is not null,
            () => $"not read: {what()}", Timeout);
        return found!.Value;
    }

    private static string DecisionsOf(ServiceOutputs outputs, string type)
    {
        var decisions = outputs.Decisions().Where(d => d.Record.Decision.Scope == type)
            .Select(d => $"{d.Record.Decision.DesiredInstances} at {d.Record.At:HH:mm:ss.fff} (read {d.Written:HH:mm:ss.fff})").ToList();
        return decisions.Count == 0 ? "none" : string.Join(", ", decisions);
    }

    private static TypeForecast Restored(string type, byte[] state, DateTimeOffset at)
    {
        var forecaster = new LoadForecaster(new LoadForecasterOptions { BucketLength = Bucket }, ForecastModels.Factory(ForecastModels.Ewma, new ForecastModelOptions()), new FakeTimeProvider(at));
        forecaster.RestoreState(type, state);
        return forecaster.Snapshot().Single();
    }

    private static TypeForecast Cold(string type, DateTimeOffset at) =>
        new(type, at, Bucket, 0, ForecastModels.Create(ForecastModels.Ewma, new ForecastModelOptions()).Predict(1));

    private static ScaleDecision FirstDecision(string type, TypeForecast? forecast, DateTimeOffset at) =>
        new PredictivePolicy(ForecasterChoice.Default, new PredictivePolicyOptions { BucketLength = Bucket, UseGivenForecast = true })
            .Decide(new ScalingInput(type, 0, 0, 0, forecast, TimeSpan.Zero, TimeSpan.Zero), at);

    private static HashSet<int> Moved(Change change) =>
        Enumerable.Range(0, Partitions).Where(p => change.Before[p] != change.NewOwner(p)).ToHashSet();

    private ServiceProcess Start(string name)
    {
        var member = ServiceProcess.StartNamed(name,
            "run", "-b", _bootstrap, "--group", _group, "--config", _configFile, "--bucket", "10s", "--forecast-model", ForecastModels.Ewma,
            "--type-policy", "predictive", "--shutdown-timeout", "60s");
        _members.Add(member);
        return member;
    }

    /// <summary>
    /// A burst of every probe type, awaited until every event so far is processed and committed: the embedded cluster
    /// refuses commits from the start of a rebalance, so a record processed just before it would be read again by its
    /// partition's next owner, and a probe type would not be quiet while it moves.
    /// </summary>
    private async Task ProbeBurstAsync(ServiceOutputs outputs)
    {
        await PublishAsync(Probes.SelectMany(type => Enumerable.Repeat(type, ProbeBurst)));
        await Eventually.True(() => outputs.Processed == _published, () => $"{outputs.Processed} of {_published} processed", Timeout);
        await Eventually.True(() => CommittedRecords() == _published, () => $"{CommittedRecords()} of {_published} committed", Timeout);
    }

    /// <summary>A chunk of the streaming types, awaited until its first events are processed: the stream is under way.</summary>
    private async Task FlowChunkAsync(ServiceOutputs outputs)
    {
        _chunkStarts.Add(EndOffsets());
        var before = outputs.Processed;
        await PublishAsync(Enumerable.Range(0, FlowChunk).Select(i => $"flow-{i % FlowTypes}"));
        await Eventually.True(() => outputs.Processed > before, () => $"nothing of the chunk processed ({outputs.Processed})", Timeout);
    }

    private async Task PublishAsync(IEnumerable<string> types)
    {
        var origin = DateTimeOffset.UtcNow;
        var events = types.Select((type, i) => new StreamEvent(type, $"k{_published + i}", origin, null)).ToList();
        await Task.WhenAll(events.Select(e => _publisher!.PublishAsync(StandardTopics.Events, e.Type, AvroCodecs.Event.Encode(e), CancellationToken.None)));
        _published += events.Count;
    }

    /// <summary>The group's committed offsets summed over the input partitions: the records it will not read again.</summary>
    private long CommittedRecords()
    {
        using var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _bootstrap, GroupId = _group }).Build();
        var inputs = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(StandardTopics.Events, p)).ToList();
        return group.Committed(inputs, Timeout).Sum(c => Math.Max(0, c.Offset.Value));
    }

    private long[] EndOffsets()
    {
        using var reader = KafkaClients.For(_bootstrap).CreateReader<Ignore, Ignore>($"ends-{Guid.NewGuid():N}");
        return [.. Enumerable.Range(0, Partitions).Select(p => reader.QueryWatermarkOffsets(new TopicPartition(StandardTopics.Events, p), Timeout).High.Value)];
    }

    /// <summary>One probe type per input partition, found by the partitioner the producers use (CRC-32 of the key).</summary>
    private static List<string> ProbeTypes() =>
        Enumerable.Range(0, Partitions)
            .Select(partition => Enumerable.Range(0, int.MaxValue).Select(n => $"probe-{partition}-{n}").First(name => PartitionOf(name) == partition))
            .ToList();

    private static int PartitionOf(string type) => (int)(Crc32.HashToUInt32(Encoding.UTF8.GetBytes(type)) % Partitions);

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.0} s";

    private sealed record Change(
        string Name,
        DateTimeOffset At,
        DateTimeOffset ProbesDone,
        Dictionary<int, ServiceProcess> Before,
        (DateTimeOffset At, Dictionary<int, ServiceProcess> Owners) Settled,
        bool Clean)
    {
        public ServiceProcess NewOwner(int partition) => Settled.Owners[partition];
    }
}
