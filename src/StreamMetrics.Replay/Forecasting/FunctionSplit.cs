using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// Fixed splits of functions by a hash of the function id (FNV-1a, 32 bit), so the same function always lands on the
/// same side, whatever the trace file or its order. Two splits are drawn from independent digits of the hash: the gbm
/// training set and its held-out functions (last three decimal digits), and the tuning and evaluation halves (the
/// thousands digit), so every half holds both gbm-trained and held-out functions.
/// </summary>
public static class FunctionSplit
{
    /// <summary>Share of functions held out from training; 0.3.</summary>
    public const double HeldOutShare = 0.3;

    public const string Description = "functions whose FNV-1a hash of the id falls in the last 30 % of the range are held out of gbm training";

    public const string HalvesDescription =
        "the tuning half holds the functions whose FNV-1a hash of the id has an even thousands digit, the evaluation half the others";

    public static bool IsHeldOut(string function) => Hash(function) % 1000 >= (uint)(1000 * (1 - HeldOutShare));

    /// <summary>The half a function belongs to: <see cref="FunctionHalf.Tuning"/> or <see cref="FunctionHalf.Evaluation"/>.</summary>
    public static FunctionHalf HalfOf(string function) => Hash(function) / 1000 % 2 == 0 ? FunctionHalf.Tuning : FunctionHalf.Evaluation;

    /// <summary>The functions of <paramref name="series"/> in <paramref name="half"/> (all of them for <see cref="FunctionHalf.All"/>).</summary>
    public static IReadOnlyList<MinuteSeries> Select(IReadOnlyList<MinuteSeries> series, FunctionHalf half) =>
        half == FunctionHalf.All ? series : series.Where(s => HalfOf(s.Function) == half).ToList();

    /// <summary>Reads the command line's name of a half: <c>tune</c>, <c>eval</c> or <c>all</c>.</summary>
    public static FunctionHalf ParseHalf(string text) => text switch
    {
        "tune" => FunctionHalf.Tuning,
        "eval" => FunctionHalf.Evaluation,
        "all" => FunctionHalf.All,
        _ => throw new ArgumentException($"split = '{text}', must be one of tune, eval, all"),
    };

    /// <summary>The words the report uses for the functions <see cref="Select"/> kept.</summary>
    public static string Describe(FunctionHalf half, int selected, int total) => half switch
    {
        FunctionHalf.Tuning => $"tuning half, {selected} of {total} functions ({HalvesDescription})",
        FunctionHalf.Evaluation => $"evaluation half, {selected} of {total} functions ({HalvesDescription})",
        _ => "all functions of the trace",
    };

    private static uint Hash(string function)
    {
        var hash = 2166136261u;
        foreach (var c in function)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }
}
