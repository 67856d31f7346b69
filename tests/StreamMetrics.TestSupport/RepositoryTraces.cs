namespace StreamMetrics.TestSupport;

/// <summary>The real traces in the repository's <c>traces/</c> folder; fails loudly when one is missing.</summary>
public static class RepositoryTraces
{
    public static string MinuteDay1 => Find("azure2019-minute-d01.csv");

    public static string FunctionsDay1 => Find("azure2019-functions-d01.csv");

    public static string OneFunction14Days => Find("azure2019-onefn-14days.csv");

    /// <summary>The <c>traces/</c> folder.</summary>
    public static string Folder => RepositoryFiles.Path("traces");

    /// <summary>The path of <paramref name="fileName"/> in <c>traces/</c>; throws naming the file and where it was expected when it is not there.</summary>
    public static string Find(string fileName)
    {
        var path = Path.Combine(Folder, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"real trace '{fileName}' is missing: expected it at {path}", path);
    }
}
