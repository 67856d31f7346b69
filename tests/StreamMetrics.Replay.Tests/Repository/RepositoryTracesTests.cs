namespace StreamMetrics.Replay.Tests.Repository;

public sealed class RepositoryTracesTests
{
    [Fact]
    public void A_trace_missing_from_the_repository_fails_naming_it_and_where_it_was_expected()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RepositoryTraces.Find("azure2019-minute-d99.csv"));

        Assert.Contains("real trace 'azure2019-minute-d99.csv' is missing", error.Message);
        Assert.Equal(Path.Combine(RepositoryFiles.Root, "traces", "azure2019-minute-d99.csv"), error.FileName);
    }
}
