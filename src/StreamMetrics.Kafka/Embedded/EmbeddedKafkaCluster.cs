using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace StreamMetrics.Kafka.Embedded;

/// <summary>
/// A Kafka-protocol cluster inside this process: librdkafka's mock cluster, listening on 127.0.0.1 ports and
/// reachable by any Kafka client in any process. It has no CreateTopics API (use <see cref="CreateTopic"/>) and keeps
/// only about 5 MiB per partition: older records vanish and a consumer sees an offset reset.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly Lock _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, int brokers, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>HOST:PORT,... of every broker, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..<see cref="Brokers"/>.</summary>
    public int Brokers { get; }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers (1..32) with group joins that do not wait for more members.</summary>
    public static EmbeddedKafkaCluster Start(int brokers = 3)
    {
        if (brokers is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(brokers), brokers, $"brokers = {brokers}, must be between 1 and 32");
        NativeRdKafka.EnsureResolver();

        var error = new byte[512];
        var conf = NativeRdKafka.ConfNew();
        // The host client never connects anywhere; level 4 hides its notice that it has no bootstrap.servers.
        if (NativeRdKafka.ConfSet(conf, "log_level", "4", error, (nuint)error.Length) != NativeRdKafka.ConfOk)
        {
            NativeRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected log_level: {Text(error)}");
        }
        var rk = NativeRdKafka.New(NativeRdKafka.ProducerType, conf, error, (nuint)error.Length);
        if (rk == IntPtr.Zero)
        {
            NativeRdKafka.ConfDestroy(conf); // rd_kafka_new takes ownership only on success
            throw new InvalidOperationException($"rd_kafka_new failed: {Text(error)}");
        }
        var mock = NativeRdKafka.MockClusterNew(rk, brokers);
        if (mock == IntPtr.Zero)
        {
            NativeRdKafka.Destroy(rk);
            throw new InvalidOperationException($"rd_kafka_mock_cluster_new({brokers}) failed");
        }
        var bootstraps = Marshal.PtrToStringUTF8(NativeRdKafka.MockClusterBootstraps(mock)) ?? "";
        var result = new EmbeddedKafkaCluster(rk, mock, brokers, bootstraps);
        result.Check(NativeRdKafka.MockGroupInitialRebalanceDelayMs(mock, 0), "group initial rebalance delay");
        // Without a controller, admin requests that go to it (CreateTopics, DescribeConfigs) wait out their whole timeout
        // for one; with broker 1 as controller they fail at once with "not supported by broker", which callers can tell apart.
        result.Check(NativeRdKafka.MockSetControllerId(mock, 1), "controller");
        return result;
    }

    /// <summary>Creates <paramref name="topic"/>; a topic that already exists is left as it is (its partition count does not change).</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        if (partitions < 1)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, $"partitions = {partitions}, must be at least 1");
        if (replicationFactor < 1 || replicationFactor > Brokers)
        {
            throw new ArgumentOutOfRangeException(nameof(replicationFactor), replicationFactor,
                $"replication factor = {replicationFactor}, must be between 1 and the broker count {Brokers}");
        }

        var code = Call(c => NativeRdKafka.MockTopicCreate(c, topic, partitions, replicationFactor));
        if (code != (int)ErrorCode.TopicAlreadyExists)
            Check(code, $"create topic '{topic}'");
    }

    /// <summary>Takes broker <paramref name="brokerId"/> off the network: its connections close and it accepts none.</summary>
    public void SetBrokerDown(int brokerId) => Check(Call(c => NativeRdKafka.MockBrokerSetDown(c, brokerId)), $"broker {brokerId} down");

    /// <summary>Brings broker <paramref name="brokerId"/> back.</summary>
    public void SetBrokerUp(int brokerId) => Check(Call(c => NativeRdKafka.MockBrokerSetUp(c, brokerId)), $"broker {brokerId} up");

    /// <summary>Delays every response of broker <paramref name="brokerId"/> by <paramref name="rtt"/> (zero removes the delay).</summary>
    public void SetBrokerRtt(int brokerId, TimeSpan rtt) =>
        Check(Call(c => NativeRdKafka.MockBrokerSetRtt(c, brokerId, (int)rtt.TotalMilliseconds)), $"broker {brokerId} rtt");

    /// <summary>Moves the leadership of one partition to broker <paramref name="brokerId"/>.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(Call(c => NativeRdKafka.MockPartitionSetLeader(c, topic, partition, brokerId)), $"leader of {topic}[{partition}]");

    /// <summary>The next requests of type <paramref name="apiKey"/>, cluster-wide, fail with <paramref name="errors"/>, one error per request, in order.</summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        var codes = errors.Select(e => (int)e).ToArray();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            NativeRdKafka.MockPushRequestErrorsArray(_cluster, (short)apiKey, (nuint)codes.Length, codes);
        }
    }

    /// <summary>
    /// From now on the cluster remembers every request it receives, so <see cref="CountRequests"/> can tell whether
    /// errors pushed with <see cref="PushRequestErrors"/> have been served: they go, one each, to the next requests of
    /// their type.
    /// </summary>
    public void StartRequestTracking() => Call(c =>
    {
        NativeRdKafka.MockStartRequestTracking(c);
        return 0;
    });

    /// <summary>Stops remembering requests and forgets those remembered.</summary>
    public void StopRequestTracking() => Call(c =>
    {
        NativeRdKafka.MockStopRequestTracking(c);
        NativeRdKafka.MockClearRequests(c);
        return 0;
    });

    /// <summary>Requests of type <paramref name="apiKey"/> received since <see cref="StartRequestTracking"/>.</summary>
    public int CountRequests(KafkaApiKey apiKey) => Call(c =>
    {
        var requests = NativeRdKafka.MockGetRequests(c, out var count);
        if (requests == IntPtr.Zero)
            return 0;
        try
        {
            var matching = 0;
            for (var i = 0; i < (int)count; i++)
            {
                if (NativeRdKafka.MockRequestApiKey(Marshal.ReadIntPtr(requests, i * IntPtr.Size)) == (short)apiKey)
                    matching++;
            }
            return matching;
        }
        finally
        {
            NativeRdKafka.MockRequestDestroyArray(requests, count);
        }
    });

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero)
                NativeRdKafka.MockClusterDestroy(_cluster);
            if (_handle != IntPtr.Zero)
                NativeRdKafka.Destroy(_handle);
            _cluster = IntPtr.Zero;
            _handle = IntPtr.Zero;
        }
    }

    private int Call(Func<IntPtr, int> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return action(_cluster);
        }
    }

    private void Check(int code, string what)
    {
        if (code != 0)
            throw new KafkaException(new Error((ErrorCode)code, $"embedded cluster: {what} failed: {(ErrorCode)code}"));
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
