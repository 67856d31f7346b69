using System.Reflection;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// The live page's files (Http/Web in the source tree), built into this assembly: the page works on a machine with no
/// way out, and what it shows cannot drift from the program serving it.
/// </summary>
internal static class WebAssets
{
    private static readonly Assembly Assembly = typeof(WebAssets).Assembly;

    /// <summary>Asset path (as under Http/Web, with '/') -> resource name.</summary>
    private static readonly Dictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith("web/", StringComparison.Ordinal) || name.StartsWith("web\\", StringComparison.Ordinal))
        .ToDictionary(name => name[4..].Replace('\\', '/'), StringComparer.Ordinal);

    /// <summary>Every asset path, e.g. <c>index.html</c>, <c>vendor/uplot/uPlot.iife.min.js</c>.</summary>
    public static IEnumerable<string> Paths => Resources.Keys;

    /// <summary>The asset's bytes and content type, or false for a path that is not an asset.</summary>
    public static bool TryOpen(string path, out Stream content, out string contentType)
    {
        content = Stream.Null;
        contentType = "";
        if (!Resources.TryGetValue(path, out var name) || Assembly.GetManifestResourceStream(name) is not { } stream)
            return false;
        content = stream;
        contentType = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".png" => "image/png",
            _ => "text/plain; charset=utf-8",
        };
        return true;
    }
}
