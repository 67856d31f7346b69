namespace StreamMetrics.Replay.Tests.Repository;

/// <summary>
/// A clone of the repository is all a user has: nothing the project runs, tests or documents may reach for a folder
/// beside it. The folder's name is assembled here so that this file does not match its own search.
/// </summary>
public sealed class SelfContainedTests
{
    private static readonly string SiblingFolder = string.Join('/', "..", "shared");

    [Fact]
    public void Nothing_in_sources_tests_readme_docker_or_ci_refers_to_a_folder_beside_the_repository()
    {
        var root = RepositoryFiles.Root;
        var places = new[] { "src", "tests", "docker", ".ci" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(root, path))
            .Append(Path.Combine(root, "README.md"));

        var offenders = places
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(l => l.line.Contains(SiblingFolder, StringComparison.Ordinal))
            .Select(l => $"{Path.GetRelativePath(root, l.path)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "refers to " + SiblingFolder + ":\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_traces_folder_carries_its_licence_and_citation()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryTraces.Folder, "README.md"));

        Assert.Contains("CC BY 4.0", readme);
        Assert.Contains("Serverless in the Wild", readme);
        Assert.Contains("USENIX ATC 2020", readme);
    }

    private static bool IsBuildOutput(string root, string path)
    {
        var parts = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("TestResults") || parts.Contains("BenchmarkDotNet.Artifacts");
    }
}
