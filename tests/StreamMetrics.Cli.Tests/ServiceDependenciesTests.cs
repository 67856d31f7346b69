using System.Reflection;

namespace StreamMetrics.Cli.Tests;

/// <summary>
/// The service stands apart from the simulator: what the container image publishes, and what <c>run</c> loads, holds
/// no trace replay, no ML.NET and no plotting.
/// </summary>
public sealed class ServiceDependenciesTests
{
    private static readonly string[] Forbidden = ["StreamMetrics.Replay", "Microsoft.ML", "SkiaSharp", "ScottPlot"];

    [Fact]
    public void The_service_assembly_reaches_no_simulator_ml_or_plotting_assembly()
    {
        var reached = ReferenceClosure(Assembly.Load("streammetrics-service"));

        Assert.Contains("StreamMetrics.Pipeline", reached);
        Assert.Contains("Confluent.Kafka", reached);
        var offenders = reached.Where(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal))).ToList();
        Assert.True(offenders.Count == 0, "the service reaches " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_full_command_line_does_reach_the_simulator_so_the_check_can_fail()
    {
        var reached = ReferenceClosure(Assembly.Load("streammetrics"));

        Assert.Contains("StreamMetrics.Replay", reached);
    }

    [Fact]
    public void The_service_offers_run_broker_produce_and_watch()
    {
        var names = StreamMetrics.Hosting.Commands.ServiceCommands.Create().Select(c => c.Name);

        Assert.Equal(["run", "broker", "produce", "watch"], names);
    }

    /// <summary>Every assembly that <paramref name="root"/> references, directly or through others, by simple name.</summary>
    private static HashSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Stack<Assembly>([root]);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Pop().GetReferencedAssemblies())
            {
                if (seen.Add(reference.Name!) && !IsFramework(reference.Name!) && TryLoad(reference) is { } assembly)
                    pending.Push(assembly);
            }
        }
        return seen;
    }

    /// <summary>Null for an assembly that a package references but does not ship for this platform (ML.NET's OneDal).</summary>
    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32", StringComparison.Ordinal);
}
