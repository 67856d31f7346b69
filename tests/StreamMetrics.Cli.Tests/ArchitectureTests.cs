using System.Xml.Linq;

namespace StreamMetrics.Cli.Tests;

/// <summary>The project references follow the direction ARCHITECTURE.md states; its table is the rule.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Every_project_references_only_what_ARCHITECTURE_md_allows_it()
    {
        var allowed = AllowedReferences();
        var actual = ProjectReferences();

        Assert.Equal(allowed.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Violations(allowed, actual));
    }

    [Fact]
    public void A_reference_against_the_direction_is_reported_by_name()
    {
        var allowed = AllowedReferences();
        var actual = ProjectReferences();
        actual["StreamMetrics.Hosting"] = [.. actual["StreamMetrics.Hosting"], "StreamMetrics.Replay"];

        Assert.Equal(["StreamMetrics.Hosting -> StreamMetrics.Replay"], Violations(allowed, actual));
    }

    [Fact]
    public void Core_uses_no_actor_messaging_or_hosting_package()
    {
        var packages = XDocument.Load(ProjectFile("StreamMetrics.Core")).Descendants("PackageReference")
            .Select(p => (string)p.Attribute("Include")!).ToList();

        Assert.DoesNotContain(packages, p => p.StartsWith("Akka", StringComparison.Ordinal) || p.StartsWith("Confluent", StringComparison.Ordinal)
                                             || p.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal));
    }

    private static List<string> Violations(Dictionary<string, string[]> allowed, Dictionary<string, string[]> actual) =>
        actual.SelectMany(project => project.Value
                .Where(reference => !allowed.GetValueOrDefault(project.Key, []).Contains(reference))
                .Select(reference => $"{project.Key} -> {reference}"))
            .ToList();

    /// <summary>The rows of the "project | may reference" table.</summary>
    private static Dictionary<string, string[]> AllowedReferences()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "ARCHITECTURE.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| project | may reference |", StringComparison.Ordinal));
        Assert.True(header >= 0, "ARCHITECTURE.md has no '| project | may reference |' table");
        return lines.Skip(header + 2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(
                cells => cells[1],
                cells => cells[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Each project under src/ with the projects it references directly.</summary>
    private static Dictionary<string, string[]> ProjectReferences() =>
        Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src"))
            .Select(Path.GetFileName)
            .ToDictionary(
                name => name!,
                name => XDocument.Load(ProjectFile(name!)).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(((string)r.Attribute("Include")!).Replace('\\', '/')))
                    .ToArray());

    private static string ProjectFile(string name) => Path.Combine(RepositoryFiles.Root, "src", name, name + ".csproj");
}
