namespace StreamMetrics.Pipeline.Tests.EndToEnd;

/// <summary>Whether a Docker engine is reachable, and if not, why: Testcontainers tests skip with that reason.</summary>
internal static class DockerEngine
{
    public static string? MissingReason()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
            return null;
        return File.Exists("/var/run/docker.sock")
            ? null
            : "no Docker engine: DOCKER_HOST is unset and /var/run/docker.sock does not exist (Testcontainers needs one)";
    }
}
