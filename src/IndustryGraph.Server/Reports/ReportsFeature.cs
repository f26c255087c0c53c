using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Cancellation;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Analysis;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.Reports;

/// <summary>
/// GET /reports/gaps?chain=NAME[&amp;district=NAME|&amp;park=NAME]&amp;format=xlsx|csv[&amp;lang=zh|en]: the 招商清单 for scripts
/// and the page's download links, from the same analysis snapshot the GraphQL API answers from.
/// </summary>
public static partial class ReportsFeature
{
    public const string Path = "/reports/gaps";

    public static WebApplication MapGapReports(this WebApplication app)
    {
        app.MapGet(Path, async (HttpContext http, AnalysisIndexProvider provider, IOptions<AnalysisOptions> options, RequestGate gate) =>
        {
            var query = http.Request.Query;
            string? Value(string name) => query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;
            // Errors come in the report's language (lang= or Accept-Language), as the report itself does.
            var language = GapReportWriter.LanguageOf(Value("lang"), http.Request.Headers.AcceptLanguage.ToString());
            var chinese = language == AnalysisLanguage.Chinese;
            var chain = Value("chain");
            if (chain is null)
            {
                return Problem(chinese
                    ? "缺少查询参数 chain，例如 /reports/gaps?chain=智能传感器&district=管城区&format=xlsx"
                    : "the query parameter chain is required, e.g. /reports/gaps?chain=智能传感器&district=管城区&format=xlsx");
            }

            if (!GapReportWriter.TryParseFormat(Value("format") ?? "xlsx", out var format))
            {
                return Problem(chinese
                    ? $"不支持格式 '{Value("format")}'：请用 xlsx 或 csv"
                    : $"format '{Value("format")}' is not supported: use xlsx or csv");
            }

            // The same turn, clock and cancellation as a GraphQL analysis: the file is built in its turn and sent after it.
            using var clock = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            clock.CancelAfter(gate.TimeLimit);
            WorkCancellation.Set(clock.Token);
            byte[] file;
            GapReport report;
            try
            {
                using var turn = await gate.EnterAsync(RequestLane.Analysis, clock.Token);
                var snapshot = await provider.GetLatestAsync(clock.Token);
                (report, file) = await Task.Run(
                    () =>
                    {
                        var built = GapReport.Build(snapshot.Analysis, snapshot.Version, chain, Value("district"), Value("park"), options.Value.WeakThreshold, language, DateTimeOffset.Now);
                        clock.Token.ThrowIfCancellationRequested();
                        using var body = new MemoryStream();
                        GapReportWriter.Write(built, format, language, body);
                        return (built, body.ToArray());
                    },
                    clock.Token).WaitAsync(clock.Token);
            }
            catch (AnalysisException exception)
            {
                var text = AnalysisText.For(chinese ? AnalysisLanguage.Chinese : AnalysisLanguage.English);
                return Problem(WithoutArgument(exception.MessageIn(text)), exception.Error == AnalysisError.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, exception.Suggestions);
            }
            catch (OperationCanceledException) when (clock.IsCancellationRequested)
            {
                return Problem(chinese
                    ? $"生成招商清单超过了 {gate.TimeLimit.TotalSeconds:0} 秒的时限：请稍后再试，或缩小范围"
                    : $"building the report took longer than the limit of {gate.TimeLimit.TotalSeconds:0} s: try again later, or narrow the scope",
                    StatusCodes.Status504GatewayTimeout);
            }

            return Results.File(file, GapReportWriter.ContentType(format), GapReportWriter.FileName(report, format));
        });
        return app;
    }

    /// <summary>
    /// The message without the query argument it starts with (district：…): whoever reads the report's error, a planner
    /// following a link or a script, is told what was not found; the parameter is named by the message's words.
    /// </summary>
    private static string WithoutArgument(string message) => LeadingArgument().Replace(message, "", 1);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z][\w.]*\s*[：:]\s*")]
    private static partial System.Text.RegularExpressions.Regex LeadingArgument();

    private static IResult Problem(string message, int status = StatusCodes.Status400BadRequest, IReadOnlyList<string>? suggestions = null) =>
        Results.Json(
            suggestions is { Count: > 0 }
                ? new Dictionary<string, object> { ["error"] = message, ["suggestions"] = suggestions }
                : new Dictionary<string, object> { ["error"] = message },
            statusCode: status);
}
