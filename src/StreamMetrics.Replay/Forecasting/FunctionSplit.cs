namespace StreamMetrics.Replay.Forecasting;

/// <summary>
/// A fixed split of functions into training and held-out sets by a hash of the function id (FNV-1a, 32 bit), so the
/// same function always lands on the same side, whatever the trace file or its order.
/// </summary>
public static class FunctionSplit
{
    /// <summary>Share of functions held out from training; 0.3.</summary>
    public const double HeldOutShare = 0.3;

    public const string Description = "functions whose FNV-1a hash of the id falls in the last 30 % of the range are held out of gbm training";

    public static bool IsHeldOut(string function)
    {
        var hash = 2166136261u;
        foreach (var c in function)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash % 1000 >= (uint)(1000 * (1 - HeldOutShare));
    }
}
