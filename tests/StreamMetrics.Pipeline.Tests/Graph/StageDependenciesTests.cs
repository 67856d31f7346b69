using System.Reflection;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Tests.Graph;

/// <summary>
/// <see cref="PipelineGraph"/> promises that each stage only asks Core or the Kafka adapters: what a stage is given
/// when it is made comes from StreamMetrics.Core, StreamMetrics.Kafka, the graph itself (its counters) or the runtime,
/// never from the Kafka client library or another part of the pipeline.
/// </summary>
public sealed class StageDependenciesTests
{
    private static readonly string[] AllowedAssemblies = ["StreamMetrics.Core", "StreamMetrics.Kafka", "System.Private.CoreLib", "System.Runtime"];

    [Fact]
    public void Every_stage_is_made_only_from_Core_the_Kafka_adapters_and_the_graph_s_own_counters()
    {
        var stages = typeof(PipelineGraph).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(PipelineGraph).Namespace && t.Name.EndsWith("Stage", StringComparison.Ordinal))
            .ToList();
        Assert.True(stages.Count >= 8, $"only {stages.Count} stages found: {string.Join(", ", stages.Select(s => s.Name))}");

        var offenders = stages
            .SelectMany(stage => stage.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .SelectMany(c => c.GetParameters())
                .Where(p => !Allowed(p.ParameterType))
                .Select(p => $"{stage.Name}({p.ParameterType.FullName} {p.Name})"))
            .ToList();

        Assert.True(offenders.Count == 0, "stages that ask something else: " + string.Join("; ", offenders));
    }

    private static bool Allowed(Type type) =>
        type.Namespace == typeof(PipelineGraph).Namespace || AllowedAssemblies.Contains(type.Assembly.GetName().Name);
}
