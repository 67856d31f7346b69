using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StreamMetrics.Hosting.Http;

/// <summary>The routes of the operators' endpoint; README.md documents each, and the JSON keys of <c>/api/live</c>.</summary>
internal static class OperatorEndpoints
{
    /// <summary>The Prometheus text exposition format.</summary>
    public const string MetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Map(IEndpointRouteBuilder routes, OperatorView view)
    {
        routes.MapGet(OperatorHttpOptions.MetricsPath, async context =>
        {
            context.Response.ContentType = MetricsContentType;
            await view.WriteMetricsAsync(context.Response.Body, context.RequestAborted);
        });
        routes.MapGet("/healthz", context => Text(context, StatusCodes.Status200OK, "ok"));
        routes.MapGet("/readyz", context => view.NotReadyReason() is { } reason
            ? Text(context, StatusCodes.Status503ServiceUnavailable, "not ready: " + reason)
            : Text(context, StatusCodes.Status200OK, "ready"));
        routes.MapGet("/api/live", async context =>
        {
            var since = long.TryParse(context.Request.Query["since"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            view.WriteLive(context.Response.BodyWriter, since);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        });
        routes.MapGet("/", context => Asset(context, "index.html"));
        routes.MapGet("/assets/{**path}", context => Asset(context, (string?)context.Request.RouteValues["path"] ?? ""));
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    private static async Task Asset(HttpContext context, string path)
    {
        if (!WebAssets.TryOpen(path, out var content, out var contentType))
        {
            await Text(context, StatusCodes.Status404NotFound, $"no asset '{path}'");
            return;
        }
        await using (content)
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = content.Length;
            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
