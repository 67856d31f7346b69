using StreamMetrics.Replay.Evaluation;

namespace StreamMetrics.Replay.Tests.Evaluation;

public sealed class FrontierDominanceTests
{
    private static readonly FrontierPoint[] Frontier =
    [
        new(-0.3, 11_103, 0, 2_527.4 * 3600),
        new(0, 6_692, 0, 2_758.5 * 3600),
        new(1, 3_620, 0, 3_377.5 * 3600),
        new(1.5, 3_016, 0, 3_708.7 * 3600),
    ];

    [Fact]
    public void Each_baseline_names_the_cheapest_point_with_no_more_cold_starts_and_no_more_instance_hours()
    {
        var dominance = FrontierDominance.Of(Frontier,
        [
            ("kpa", 26_115, 2_777.8 * 3600),
            ("keepalive", 3_943, 3_969.6 * 3600),
            ("hybrid", 11_657, 5_263.3 * 3600),
        ]);

        Assert.Equal(-0.3, dominance["kpa"]);
        Assert.Equal(1, dominance["keepalive"]);
        Assert.Equal(-0.3, dominance["hybrid"]);
    }

    [Fact]
    public void A_baseline_cheaper_than_every_point_with_as_few_cold_starts_is_not_dominated()
    {
        // The frontier before the peak allowance: its points at -0.3 and 1 cost more than kpa and keepalive.
        FrontierPoint[] before =
        [
            new(-0.5, 27_147, 0, 2_540.5 * 3600),
            new(-0.3, 11_103, 0, 2_864.7 * 3600),
            new(1, 3_622, 0, 4_047.2 * 3600),
        ];

        var dominance = FrontierDominance.Of(before, [("kpa", 26_115, 2_777.8 * 3600), ("keepalive", 3_943, 3_969.6 * 3600)]);

        Assert.Null(dominance["kpa"]);
        Assert.Null(dominance["keepalive"]);
    }

    [Fact]
    public void Equal_cold_starts_and_instance_hours_count_as_dominated()
    {
        var dominance = FrontierDominance.Of(Frontier, [("twin", 6_692, 2_758.5 * 3600)]);

        Assert.Equal(0, dominance["twin"]);
    }
}
