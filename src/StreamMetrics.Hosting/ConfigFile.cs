using StreamMetrics.Core.Configuration;

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
        return StreamMetricsConfig.Parse(File.ReadAllText(file.FullName), file.FullName);
    }
}
