namespace StreamMetrics.Replay.Traces;

/// <summary>
/// Opens a trace by path, or by the name of a trace built into this assembly: the Azure Functions 2019 samples of the
/// repository's <c>traces/</c> folder, embedded so that an installed tool can replay them with no files at hand.
/// A file that exists wins over a built-in trace of the same name.
/// </summary>
public static class TraceFiles
{
    private const string ResourcePrefix = "StreamMetrics.Replay.Traces.";
    private const string Extension = ".csv";

    /// <summary>The built-in traces' names, e.g. <c>azure2019-minute-d01</c>.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(TraceFiles).Assembly.GetManifestResourceNames()
        .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(Extension, StringComparison.Ordinal))
        .Select(r => r[ResourcePrefix.Length..^Extension.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Whether <paramref name="pathOrName"/> names a built-in trace and no file of that name exists.</summary>
    public static bool IsBuiltIn(string pathOrName) => !File.Exists(pathOrName) && ResourceName(pathOrName) is not null;

    /// <summary>Opens the file at <paramref name="pathOrName"/>, else the built-in trace of that name (with or without <c>.csv</c>).</summary>
    /// <exception cref="FileNotFoundException">Neither exists; the message lists the built-in names.</exception>
    public static TextReader Open(string pathOrName)
    {
        if (File.Exists(pathOrName))
            return new StreamReader(pathOrName);
        if (ResourceName(pathOrName) is { } resource)
            return new StreamReader(typeof(TraceFiles).Assembly.GetManifestResourceStream(resource)!);
        throw new FileNotFoundException(
            $"trace file '{pathOrName}' does not exist and is not a built-in trace; give a path, or one of {string.Join(", ", BuiltInNames)}",
            pathOrName);
    }

    private static string? ResourceName(string name)
    {
        var stem = name.EndsWith(Extension, StringComparison.Ordinal) ? name[..^Extension.Length] : name;
        return BuiltInNames.Contains(stem, StringComparer.Ordinal) ? ResourcePrefix + stem + Extension : null;
    }
}
