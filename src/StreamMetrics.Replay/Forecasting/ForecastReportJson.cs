using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// Writes a <see cref="ForecastReport"/> as JSON with camel-case keys; model names and horizons are kept verbatim as
/// keys (<c>models.auto.horizons.5.mae</c>).
/// </summary>
public static class ForecastReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static async Task WriteAsync(ForecastReport report, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Options, cancellationToken);
    }

    public static string Serialize(ForecastReport report) => JsonSerializer.Serialize(report, Options);
}
