using Spectre.Console;
using Spectre.Console.Rendering;

namespace StreamMetrics.Cli.Presentation;

/// <summary>A progress column with the task's rate in the work's own unit (Spectre's own speed column counts bytes).</summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text($"{(task.Speed is { } speed ? ProgressText.Rate(speed) : "-")} {unit}/s", Color.Grey);
}
