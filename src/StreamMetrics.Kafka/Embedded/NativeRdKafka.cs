using System.Reflection;
using System.Runtime.InteropServices;

namespace StreamMetrics.Kafka.Embedded;

/// <summary>
/// The librdkafka functions Confluent.Kafka does not expose (the mock cluster), bound to the very library file
/// Confluent.Kafka loaded: a second copy would be a second librdkafka with its own globals, and the default
/// <c>librdkafka.so</c> of the redist package needs a <c>libsasl2.so.3</c> Debian does not ship.
/// </summary>
internal static partial class NativeRdKafka
{
    private const string Library = "librdkafka";
    private static int _resolverInstalled;

    /// <summary>Installs the import resolver once per process; <see cref="NativeLibrary.SetDllImportResolver"/> throws on a second call.</summary>
    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1)
            return;
        NativeLibrary.SetDllImportResolver(typeof(NativeRdKafka).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return IntPtr.Zero;
        // Makes Confluent.Kafka load (and choose) its native library before we look for it.
        _ = Confluent.Kafka.Library.Version;
        var path = LoadedLibrdkafkaPath()
            ?? throw new DllNotFoundException(
                "Confluent.Kafka reports librdkafka as loaded, but no librdkafka file appears in /proc/self/maps; " +
                "the embedded cluster needs Linux and the librdkafka.redist package.");
        return NativeLibrary.Load(path);
    }

    private static string? LoadedLibrdkafkaPath()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return null;
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash < 0)
                continue;
            var path = line[slash..].Trim();
            var file = Path.GetFileName(path);
            if (file.Contains("librdkafka", StringComparison.Ordinal) && file.Contains(".so", StringComparison.Ordinal))
                return path;
        }
        return null;
    }

    public const int ProducerType = 0;
    public const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_set_controller_id")]
    public static partial int MockSetControllerId(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr MockClusterBootstraps(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    public static partial int MockBrokerSetDown(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    public static partial int MockBrokerSetUp(IntPtr cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    public static partial int MockBrokerSetRtt(IntPtr cluster, int brokerId, int rttMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockPartitionSetLeader(IntPtr cluster, string topic, int partition, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    public static partial void MockPushRequestErrorsArray(IntPtr cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_start_request_tracking")]
    public static partial void MockStartRequestTracking(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_stop_request_tracking")]
    public static partial void MockStopRequestTracking(IntPtr cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_clear_requests")]
    public static partial void MockClearRequests(IntPtr cluster);

    /// <summary>The requests tracked so far; the array and its elements are freed with <see cref="MockRequestDestroyArray"/>.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_get_requests")]
    public static partial IntPtr MockGetRequests(IntPtr cluster, out nuint count);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_request_api_key")]
    public static partial short MockRequestApiKey(IntPtr request);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_request_destroy_array")]
    public static partial void MockRequestDestroyArray(IntPtr requests, nuint count);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    public static partial int MockGroupInitialRebalanceDelayMs(IntPtr cluster, int delayMs);
}
