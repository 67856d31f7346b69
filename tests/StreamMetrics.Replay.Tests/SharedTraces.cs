namespace StreamMetrics.Replay.Tests;

/// <summary>Finds the real traces in ../shared/traces relative to the repository root; fails loudly when they are missing.</summary>
internal static class SharedTraces
{
    public static string MinuteDay1 => Find("azure2019-minute-d01.csv");
    public static string FunctionsDay1 => Find("azure2019-functions-d01.csv");
    public static string OneFunction14Days => Find("azure2019-onefn-14days.csv");

    public static string Find(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "StreamMetrics.sln")))
                continue;
            var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "traces", fileName));
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"real trace '{fileName}' is missing: expected it at {path} (../shared/traces beside the repository)", path);
        }
        throw new DirectoryNotFoundException($"no StreamMetrics.sln above {AppContext.BaseDirectory}: cannot locate ../shared/traces");
    }
}
