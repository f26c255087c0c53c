using System.CommandLine;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Cli;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using Microsoft.Extensions.Logging.Abstractions;

namespace IndustryGraph.Server.Reports;

/// <summary><c>report gaps --chain NAME [--district NAME | --park NAME] --format xlsx|csv --out FILE [--db PATH]</c>.</summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var chain = new Option<string>("--chain") { Description = "The industry chain: id, key, name or alias (e.g. 智能传感器).", Required = true };
        var district = new Option<string?>("--district") { Description = "Only this district (with its parks); neither this nor --park is the whole city." };
        var park = new Option<string?>("--park") { Description = "Only this park." };
        var format = new Option<string>("--format") { Description = "xlsx or csv (UTF-8 with a byte-order mark).", Required = true };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var output = new Option<string>("--out") { Description = "The file to write.", Required = true };
        var lang = new Option<string>("--lang") { Description = "zh (default) or en: the language of headers and statuses.", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "en");
        var db = CommandLine.DbOption();
        var gaps = new Command("gaps", "The 招商清单: a chain's gaps in a scope with their candidates, the rule and sources on every row.") { chain, district, park, format, output, lang, db };
        gaps.Validators.Add(result =>
        {
            if (result.GetValue(district) is not null && result.GetValue(park) is not null)
            {
                result.AddError("give --district or --park, not both");
            }
        });
        gaps.SetAction(async (parse, cancellationToken) =>
        {
            var store = OpenStore(parse.GetValue(db)!);
            var snapshot = await new AnalysisIndexProvider(store, NullLogger<AnalysisIndexProvider>.Instance).GetAsync(cancellationToken);
            var language = GapReportWriter.LanguageOf(parse.GetValue(lang), null);
            GapReport report;
            try
            {
                report = GapReport.Build(snapshot.Analysis, snapshot.Version, parse.GetValue(chain)!, parse.GetValue(district), parse.GetValue(park), ChainAnalysis.DefaultThreshold, language, DateTimeOffset.Now);
            }
            catch (AnalysisException exception)
            {
                await Console.Error.WriteLineAsync($"report gaps: {exception.Message}");
                return 1;
            }

            GapReportWriter.TryParseFormat(parse.GetValue(format), out var reportFormat);
            var path = parse.GetValue(output)!;
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                GapReportWriter.Write(report, reportFormat, language, file);
            }

            Console.WriteLine($"Wrote {report.Rows.Count} rows ({report.Chain}, {report.Scope}, data version {report.DataVersion}) to {path}.");
            return 0;
        });
        return new Command("report", "Reports for people: report gaps writes the 招商清单 as XLSX or CSV.") { gaps };
    }

    /// <summary>The one place this command reaches storage: through the store port, opened the way serve opens it.</summary>
    private static IGraphStore OpenStore(string db) => StoreStartup.OpenWithSeed(db, SeedFolder.Default);
}
