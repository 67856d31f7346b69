using StreamMetrics.Hosting.Http;

namespace StreamMetrics.Cli.Tests.Http;

public sealed class TypeLabelsTests
{
    [Fact]
    public void Types_beyond_the_limit_go_under_other_and_every_type_keeps_its_first_label()
    {
        var labels = new TypeLabels(maxTypes: 2);

        Assert.Equal("checkout", labels.Of("checkout"));
        Assert.Equal("search", labels.Of("search"));
        Assert.Equal(TypeLabels.Other, labels.Of("audit-log"));
        Assert.Equal(TypeLabels.Other, labels.Of("image-resize"));
        Assert.Equal("search", labels.Of("search"));
        Assert.Equal(TypeLabels.Other, labels.Of("audit-log"));
    }

    [Fact]
    public void Ten_thousand_invented_types_make_at_most_the_limit_plus_one_labels()
    {
        var labels = new TypeLabels(maxTypes: 100);

        var distinct = Enumerable.Range(0, 10_000).Select(i => labels.Of($"type-{i}")).Distinct().Count();

        Assert.Equal(101, distinct);
    }
}
