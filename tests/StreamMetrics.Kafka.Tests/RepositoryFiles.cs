namespace StreamMetrics.Kafka.Tests;

/// <summary>Files of the repository itself (schemas/, docker-compose.yml), found from the test binary upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "StreamMetrics.sln")))
                    return dir.FullName;
            }
            throw new DirectoryNotFoundException($"no StreamMetrics.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
