namespace StreamMetrics.Cli.Presentation;

/// <summary>How far long work has got: <paramref name="Done"/> of <paramref name="Total"/>, and a few words of what it is doing.</summary>
internal readonly record struct ProgressUpdate(double Done, double Total, string? Detail = null)
{
    public double Share => Total > 0 ? Math.Clamp(Done / Total, 0, 1) : 0;
}
