using System.Net;
using System.Net.Sockets;
using StreamMetrics.Core.Configuration;

namespace StreamMetrics.Hosting.Http;

/// <summary>The operators' HTTP endpoint: <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>, the live page and its JSON API.</summary>
public sealed class OperatorHttpOptions
{
    /// <summary>The port the documentation, the image and docker-compose.yml use (Prometheus exporters' customary range).</summary>
    public const int DefaultPort = 9464;

    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    public const int DefaultMaxTypes = 100;
    public const int MaxTypesLimit = 10_000;

    /// <summary>Where to listen, as <c>--http</c> gives it: an IP address (0.0.0.0 for every interface) and a port (0 picks a free one). Required.</summary>
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>
    /// Event types shown under their own name in metrics and on the page; later types are summed under <c>other</c>, so a
    /// producer inventing types cannot flood Prometheus. Range 1 to 10,000; default 100.
    /// </summary>
    public int MaxTypes { get; init; } = DefaultMaxTypes;

    /// <summary>How far back the live page's history reaches (sampled every scaling tick, at most 14,400 samples). Range 1 min to 2 h; default 1 h.</summary>
    public TimeSpan HistoryWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Longest time since the consumer's poll loop last went round for <c>/readyz</c> to answer ready; the loop goes round
    /// at least every 100 ms while it runs. Range 1 s to 5 min; default 10 s.
    /// </summary>
    public TimeSpan ReadyPollAge { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Parses <c>HOST:PORT</c> as <c>--http</c> takes it: an IPv4 address, <c>[IPv6]</c> or <c>localhost</c>, and a port 0 to 65535.</summary>
    public static bool TryParseEndpoint(string? text, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        error = $"--http = '{text}' is not HOST:PORT: give an IP address and a port, e.g. 127.0.0.1:{DefaultPort} (this machine only) or 0.0.0.0:{DefaultPort} (every interface)";
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(text.AsSpan(colon + 1), out _))
            return false;
        var host = text[..colon];
        if (host.Contains(':') && !(host.StartsWith('[') && host.EndsWith(']')))
            return false; // an IPv6 address without brackets: its last group would pass for the port
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            text = "127.0.0.1" + text[colon..];
        if (!IPEndPoint.TryParse(text, out var parsed) || parsed.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return false;
        endpoint = parsed;
        error = "";
        return true;
    }

    public void Validate()
    {
        if (MaxTypes is < 1 or > MaxTypesLimit)
            throw new ArgumentException($"--metrics-max-types = {MaxTypes}, must be between 1 and {MaxTypesLimit}");
        if (HistoryWindow < TimeSpan.FromMinutes(1) || HistoryWindow > TimeSpan.FromHours(2))
            throw new ArgumentException($"http history window = {DurationText.Format(HistoryWindow)}, must be between 1m and 2h");
        if (ReadyPollAge < TimeSpan.FromSeconds(1) || ReadyPollAge > TimeSpan.FromMinutes(5))
            throw new ArgumentException($"http ready poll age = {DurationText.Format(ReadyPollAge)}, must be between 1s and 5m");
    }
}
