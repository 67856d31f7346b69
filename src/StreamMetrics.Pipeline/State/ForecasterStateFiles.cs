using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Pipeline.State;

/// <summary>
/// Snapshots trained offline by <c>streammetrics forecast --save-state DIR</c>: one file <c>DIR/&lt;event type&gt;.state</c>
/// per type, holding <see cref="ForecasterState"/> bytes without a bucket, so each restored type continues at the current bucket.
/// </summary>
public static class ForecasterStateFiles
{
    public const string Extension = ".state";

    /// <summary>
    /// Restores every <c>*.state</c> file of <paramref name="directory"/> into <paramref name="forecaster"/> and returns
    /// the types restored. A file whose model differs from the forecaster's, or that is damaged, fails with its name.
    /// </summary>
    public static IReadOnlyList<string> LoadInto(LoadForecaster forecaster, string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"forecaster-state = '{directory}', no such directory");
        var restored = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var type = Path.GetFileNameWithoutExtension(file);
            try
            {
                forecaster.RestoreState(type, File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or NotSupportedException or ArgumentException)
            {
                throw new InvalidDataException($"forecaster-state file '{file}' cannot be restored: {e.Message}", e);
            }
            restored.Add(type);
        }
        return restored;
    }
}
