using Akka.Actor;

namespace StreamMetrics.Pipeline.Tests.EndToEnd;

/// <summary>
/// One actor system for the services the tests start, as a host would own one: each service runs its graph and its
/// scaling actor in it and stops them itself, so the system outlives every test.
/// </summary>
internal static class TestActorSystem
{
    public static ActorSystem Shared { get; } = ActorSystem.Create("pipeline-tests", "akka.loglevel = WARNING");
}
