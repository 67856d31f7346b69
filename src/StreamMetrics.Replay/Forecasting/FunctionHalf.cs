namespace StreamMetrics.Replay.Forecasting;

/// <summary>Which functions of a trace an evaluation covers (see <see cref="FunctionSplit.HalfOf"/>).</summary>
public enum FunctionHalf
{
    /// <summary>Every function.</summary>
    All,

    /// <summary>The half every forecasting choice is made on.</summary>
    Tuning,

    /// <summary>The half that only measures; nothing is chosen by looking at it.</summary>
    Evaluation,
}
