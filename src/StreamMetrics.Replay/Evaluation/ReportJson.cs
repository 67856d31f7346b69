using System.Text.Json;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>Writes the report as JSON with camelCase keys (<c>policies.kpa.coldStarts</c>, <c>frontier.predictive</c>, ...).</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static string Serialize(EvaluationReport report) => JsonSerializer.Serialize(report, Options);

    public static async Task WriteAsync(EvaluationReport report, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Options, cancellationToken);
    }
}
