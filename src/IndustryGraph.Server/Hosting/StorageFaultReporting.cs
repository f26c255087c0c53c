using System.Text.Json;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Hosting;

/// <summary>
/// Storage faults (full disk, read-only folder, damaged or locked file) told the same way everywhere: a
/// one-line message and an exit code on the command line, a 503 with <c>extensions.code</c> over HTTP; any other
/// failure is INTERNAL with its cause logged. Never a stack trace, never a bare 500.
/// </summary>
public static class StorageFaultReporting
{
    public const int InternalExitCode = 70;

    public static StorageFault? Classify(Exception exception, string? path = null) => SqliteFaults.Classify(exception, path);

    /// <summary>Runs a command line; a fault ends it with one line on stderr and its exit code.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> run, Func<string?> dbPath)
    {
        try
        {
            return await run();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var fault = Classify(exception, dbPath());
            await Console.Error.WriteLineAsync(fault is null
                ? $"error: {exception.Message.ReplaceLineEndings(" ")} (an internal fault; please report it with the command that caused it)"
                : $"error: {fault.Message}");
            return fault?.ExitCode ?? InternalExitCode;
        }
    }

    /// <summary>Catches what escapes an HTTP handler before the answer has started, and answers with a code.</summary>
    public static async Task BarrierAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // A body that ends early or breaks HTTP is the client's doing: a 400, nothing to log.
            var badRequest = exception is BadHttpRequestException;
            var fault = badRequest ? null : Classify(exception);
            if (fault is null && !badRequest)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFaultReporting)).LogError(exception, "request failed: {Path}", http.Request.Path);
            }

            http.Response.Clear();
            http.Response.StatusCode = badRequest ? StatusCodes.Status400BadRequest : fault is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "application/json; charset=utf-8";
            var error = new
            {
                message = badRequest ? $"the request could not be read: {exception.Message}" : fault?.Message ?? "the server failed to answer; the cause is logged",
                extensions = new { code = badRequest ? ErrorCodes.BadRequest : fault?.Code ?? ErrorCodes.Internal },
            };
            await JsonSerializer.SerializeAsync(http.Response.Body, new { errors = new[] { error } });
        }
        catch (Exception exception) when (exception is BadHttpRequestException || http.RequestAborted.IsCancellationRequested)
        {
            // The client is gone or the answer had started: nothing more can be said to it.
        }
    }
}
