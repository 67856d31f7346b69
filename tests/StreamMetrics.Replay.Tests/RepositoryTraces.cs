namespace StreamMetrics.Replay.Tests;

/// <summary>Finds the real traces in the repository's <c>traces/</c> folder; fails loudly when they are missing.</summary>
internal static class RepositoryTraces
{
    public static string MinuteDay1 => Find("azure2019-minute-d01.csv");
    public static string FunctionsDay1 => Find("azure2019-functions-d01.csv");
    public static string OneFunction14Days => Find("azure2019-onefn-14days.csv");

    /// <summary>The repository's root: the folder that holds StreamMetrics.sln, found from the test binary upwards.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StreamMetrics.sln")))
                    return dir.FullName;
            }
            throw new DirectoryNotFoundException($"no StreamMetrics.sln above {AppContext.BaseDirectory}: cannot locate the repository's traces/ folder");
        }
    }

    public static string Find(string fileName)
    {
        var path = Path.Combine(Root, "traces", fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"real trace '{fileName}' is missing: expected it at {path}", path);
    }
}
