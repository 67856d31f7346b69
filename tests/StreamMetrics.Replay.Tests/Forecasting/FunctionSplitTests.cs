using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Forecasting;

public sealed class FunctionSplitTests
{
    [Fact]
    public void The_halves_of_the_real_functions_are_about_equal_and_each_has_busy_and_gbm_held_out_functions()
    {
        var functions = AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1);
        var tuning = FunctionSplit.Select(functions, FunctionHalf.Tuning);
        var evaluation = FunctionSplit.Select(functions, FunctionHalf.Evaluation);

        Assert.Equal(functions.Count, tuning.Count + evaluation.Count);
        Assert.Empty(tuning.Select(f => f.Function).Intersect(evaluation.Select(f => f.Function)));
        foreach (var half in new[] { tuning, evaluation })
        {
            Assert.InRange(half.Count, 0.4 * functions.Count, 0.6 * functions.Count);
            Assert.InRange(half.Count(f => f.MeanPerMinute >= 1), 10, 30);
            Assert.InRange(half.Count(f => FunctionSplit.IsHeldOut(f.Function)), 0.2 * half.Count, 0.4 * half.Count);
        }
    }

    [Fact]
    public void A_function_stays_in_its_half_whatever_else_the_trace_holds()
    {
        var one = new MinuteSeries("40d07b9935b0", "http", [1, 2, 3]);
        var others = Enumerable.Range(0, 50).Select(i => new MinuteSeries($"other-{i}", "http", [i])).ToList();
        var half = FunctionSplit.HalfOf(one.Function);

        Assert.Contains(one, FunctionSplit.Select([one], half));
        Assert.Contains(one, FunctionSplit.Select([.. others, one], half));
        Assert.DoesNotContain(one, FunctionSplit.Select([.. others, one], half == FunctionHalf.Tuning ? FunctionHalf.Evaluation : FunctionHalf.Tuning));
        Assert.Equal(51, FunctionSplit.Select([.. others, one], FunctionHalf.All).Count);
    }

    [Fact]
    public void An_unknown_half_is_refused_with_the_names_allowed()
    {
        Assert.Equal(FunctionHalf.Evaluation, FunctionSplit.ParseHalf("eval"));
        var error = Assert.Throws<ArgumentException>(() => FunctionSplit.ParseHalf("test"));
        Assert.Contains("split = 'test'", error.Message);
        Assert.Contains("tune, eval, all", error.Message);
    }
}
