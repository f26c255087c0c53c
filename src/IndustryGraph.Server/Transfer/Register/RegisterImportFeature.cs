using System.Text.Encodings.Web;
using System.Text.Json;
using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Register;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Access;
using IndustryGraph.Server.GraphQL;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace IndustryGraph.Server.Transfer.Register;

/// <summary>
/// POST /imports/register?filename=NAME[&amp;dryRun=true][&amp;lang=zh|en][&amp;asOf=YYYY-MM-DD] with an editor key: the
/// body is a register export (XLSX or CSV), imported as <c>import-register</c> imports it. Answers the summary
/// as JSON, or the problems with 400 (nothing imported); 401 without a key, 403 with a reader's.
/// </summary>
public static class RegisterImportFeature
{
    public const string Path = "/imports/register";

    /// <summary>The largest upload taken (a million-row export is some hundreds of megabytes).</summary>
    private const long MaxBytes = 2L << 30;

    /// <summary>Warnings listed in the answer; the rest are counted.</summary>
    private const int ListedWarnings = 100;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WebApplication MapRegisterImport(this WebApplication app)
    {
        app.MapPost(Path, async (HttpContext http, IGraphStore store) =>
        {
            var query = http.Request.Query;
            string? Value(string name) => query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;
            var text = RegisterText.For(Value("lang") ?? http.Request.Headers.AcceptLanguage.ToString());
            if (Callers.Refusal(http.User, ApiRole.Editor, text.IsChinese ? "导入登记数据" : "importing a register") is { } refusal)
            {
                return Results.Json(new { error = refusal.Message, code = refusal.Code },
                    statusCode: refusal.Code == ErrorCodes.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized);
            }

            var asOfText = Value("asOf");
            var asOf = asOfText is null ? RegisterImport.Today() : RegisterValues.ReadDate(asOfText);
            if (asOf is null)
            {
                return Problem(text.IsChinese ? $"asOf“{asOfText}”不是日期（YYYY-MM-DD）" : $"asOf '{asOfText}' is not a date (YYYY-MM-DD)");
            }

            var fileName = Value("filename") ?? FileNameOf(http.Request.Headers.ContentDisposition.ToString());
            if (fileName is null)
            {
                return Problem(text.IsChinese
                    ? "请用查询参数 filename 或 Content-Disposition 给出文件名，例如 /imports/register?filename=登记.xlsx"
                    : "give the file's name in the query (filename=) or in Content-Disposition, e.g. /imports/register?filename=register.xlsx");
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBytes;
            }

            var upload = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"industrygraph-register-{Guid.NewGuid():N}");
            try
            {
                await using (var file = new FileStream(upload, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await http.Request.Body.CopyToAsync(file, http.RequestAborted);
                }

                var options = new RegisterImportOptions(fileName, asOf, text)
                {
                    DryRun = string.Equals(Value("dryRun"), "true", StringComparison.OrdinalIgnoreCase),
                    Actor = Callers.NameOf(http.User),
                };
                var import = new RegisterImport(store, RegisterIndustries.Load(), http.RequestServices.GetService<IPlacementSuggester>());
                var result = await import.RunAsync(upload, options, http.RequestAborted);
                var warnings = result.Problems.Warnings.Take(ListedWarnings).Select(warning => warning.ToString()).ToList();
                if (!result.Imported)
                {
                    return Results.Json(new
                    {
                        error = text.IsChinese
                            ? $"{fileName} 中有 {result.Problems.Errors.Count} 个问题，未导入任何数据"
                            : $"{result.Problems.Errors.Count} problem(s) in {fileName}; nothing was imported",
                        problems = result.Problems.Errors.Select(error => error.ToString()),
                        warnings,
                    }, Json, statusCode: StatusCodes.Status400BadRequest);
                }

                var summary = result.Summary!;
                return Results.Json(new
                {
                    file = fileName,
                    dryRun = options.DryRun,
                    rows = result.Rows,
                    enterprisesAdded = result.EnterprisesAdded,
                    enterprisesUpdated = result.EnterprisesUpdated,
                    inactive = result.Inactive,
                    newlyInactive = result.NewlyInactive,
                    factsAdded = summary.FactsAdded,
                    factsReplaced = summary.FactsRemoved,
                    warningCount = result.Problems.WarningCount,
                    suggestions = result.Suggestions,
                    source = result.DocumentKey,
                    dataVersion = summary.DataVersion,
                    rowsPerSecond = Math.Round(result.RowsPerSecond),
                    warnings,
                }, Json);
            }
            finally
            {
                File.Delete(upload);
            }
        });
        return app;
    }

    private static string? FileNameOf(string contentDisposition) =>
        ContentDispositionHeaderValue.TryParse(contentDisposition, out var header)
            ? (header.FileNameStar.HasValue ? header.FileNameStar.Value : header.FileName.HasValue ? header.FileName.Value?.Trim('"') : null)
            : null;

    private static IResult Problem(string message) => Results.Json(new { error = message }, Json, statusCode: StatusCodes.Status400BadRequest);
}
