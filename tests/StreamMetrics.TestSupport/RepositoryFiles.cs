namespace StreamMetrics.TestSupport;

/// <summary>The repository's own files (schemas/, docker-compose.yml, the example config), found from the test binary upwards.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> FoundRoot = new(FindRoot);

    /// <summary>The repository's root: the nearest folder above the test binary that holds StreamMetrics.sln.</summary>
    public static string Root => FoundRoot.Value;

    /// <summary>The path of <paramref name="parts"/> below the root; whether it exists is the caller's question.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StreamMetrics.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no StreamMetrics.sln above {AppContext.BaseDirectory}: cannot locate the repository's files");
    }
}
