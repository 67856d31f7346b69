using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Hosting;

/// <summary>Reads the <c>--config</c> file; without one, the built-in profiles and defaults apply.</summary>
public static class ConfigFile
{
    public static StreamMetricsConfig Load(FileInfo? file)
    {
        if (file is null)
            return StreamMetricsConfig.Default;
        if (!file.Exists)
            throw new ConfigException(file.FullName, "no such file; give --config the path of a JSON config (see streammetrics.example.json)");
        var config = StreamMetricsConfig.Parse(File.ReadAllText(file.FullName), file.FullName);
        KafkaProperties.CheckConfigFile(config.Kafka, file.FullName);
        return config;
    }
}
