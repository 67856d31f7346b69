using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Traces;

public sealed class TraceFilesTests
{
    [Fact]
    public void Every_trace_of_the_repository_is_built_in_under_its_file_name()
    {
        var files = Directory.GetFiles(RepositoryTraces.Folder, "*.csv")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, TraceFiles.BuiltInNames);
    }

    [Theory]
    [InlineData("azure2019-minute-d01.csv")]
    [InlineData("azure2019-functions-d01.csv")]
    [InlineData("azure2019-onefn-14days.csv")]
    public void A_built_in_trace_reads_byte_for_byte_as_the_repository_file(string fileName)
    {
        using var builtIn = TraceFiles.Open(Path.GetFileNameWithoutExtension(fileName));

        Assert.Equal(File.ReadAllText(RepositoryTraces.Find(fileName)), builtIn.ReadToEnd());
    }

    [Fact]
    public void A_built_in_name_reads_with_or_without_its_extension()
    {
        var byName = AzureTraceReader.ReadMinutes("azure2019-onefn-14days");
        var byFileName = AzureTraceReader.ReadMinutes("azure2019-onefn-14days.csv");

        Assert.Equal(154_118, Assert.Single(byName).Total);
        Assert.Equal(byName[0].PerMinute, Assert.Single(byFileName).PerMinute);
    }

    [Fact]
    public void A_file_that_exists_wins_over_a_built_in_trace_of_the_same_name()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var path = Path.Combine(folder, "azure2019-onefn-14days.csv");
        File.WriteAllText(path, "HashFunction,Trigger," + string.Join(',', Enumerable.Range(1, 1440)) + "\n"
                                + "own,http," + string.Join(',', Enumerable.Repeat("2", 1440)) + "\n");

        var series = Assert.Single(AzureTraceReader.ReadMinutes(path));

        Assert.Equal("own", series.Function);
        Assert.False(TraceFiles.IsBuiltIn(path));
        Assert.True(TraceFiles.IsBuiltIn("azure2019-onefn-14days"));
    }

    [Fact]
    public void An_unknown_trace_names_the_value_and_the_built_in_choices()
    {
        var error = Assert.Throws<FileNotFoundException>(() => AzureTraceReader.ReadMinutes("azure2019-minute-d99"));

        Assert.Contains("'azure2019-minute-d99'", error.Message);
        Assert.Contains("azure2019-minute-d01", error.Message);
        Assert.Contains("azure2019-functions-d01", error.Message);
    }
}
