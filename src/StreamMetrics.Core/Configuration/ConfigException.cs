namespace StreamMetrics.Core.Configuration;

/// <summary>A config file that cannot be used; the message names the file, the key (a JSON path), the value and what is allowed.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string configFile, string detail, Exception? inner = null)
        : base($"{configFile}: {detail}", inner)
    {
        ConfigFile = configFile;
        Detail = detail;
    }

    /// <summary>The file (or other source) the config came from.</summary>
    public string ConfigFile { get; }

    /// <summary>The problem without the file name.</summary>
    public string Detail { get; }
}
