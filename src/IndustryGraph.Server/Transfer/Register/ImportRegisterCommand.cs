using System.CommandLine;
using System.Globalization;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Register;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Transfer.Register;

/// <summary><c>import-register FILE [--dry-run] [--db PATH] [--lang zh|en] [--as-of DATE]</c>: merge a register export into the store, all or nothing.</summary>
public static class ImportRegisterCommand
{
    /// <summary>Warnings printed in full; the rest are counted.</summary>
    private const int ShownWarnings = 20;

    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "A register export (企查查 columns): .xlsx, or .csv in UTF-8 (with or without BOM), GBK or UTF-16." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read, check and print what would change, without writing." };
        var lang = new Option<string>("--lang") { Description = "zh (default) or en: the language of problems and the summary.", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "en");
        var asOf = new Option<string?>("--as-of") { Description = "The date the register's figures are for, YYYY-MM-DD (default: today); 参保人数 is dated by its 年报 year." };
        var store = new StoreOptions();
        var command = new Command("import-register", "Merge an enterprise register export into the store by credit code, in one transaction: all of it or nothing.")
        {
            file, dryRun, lang, asOf,
        };
        store.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(asOf) is { } date && RegisterValues.ReadDate(date) is null)
            {
                result.AddError($"--as-of '{date}' is not a date (YYYY-MM-DD)");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var text = RegisterText.For(parse.GetValue(lang));
            var options = new RegisterImportOptions(Path.GetFileName(path), RegisterValues.ReadDate(parse.GetValue(asOf) ?? "") ?? RegisterImport.Today(), text)
            {
                DryRun = parse.GetValue(dryRun),
            };
            return RunAsync(path, store.Read(parse), options, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(string path, StoreSettings settings, RegisterImportOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync(options.Text.IsChinese ? $"{path}：文件不存在" : $"{path}: no such file");
            return 1;
        }

        return await ImportCommand.IntoStoreAsync(settings, options.DryRun, async (services, _, shownDb) =>
        {
            // A new store starts with the seed, as serve starts it: the register's districts are the seed's.
            var store = await StoreSelection.OpenWithSeedAsync(services, settings, SeedFolder.Default, cancellationToken);
            using var progress = ProgressReporter.Create("import-register");
            var import = new RegisterImport(store, RegisterIndustries.Load(), services.GetService<IPlacementSuggester>());
            var result = await import.RunAsync(path, options with { Progress = progress }, cancellationToken);
            progress.Dispose();
            var written = shownDb ?? store.Location;
            foreach (var warning in result.Problems.Warnings.Take(ShownWarnings))
            {
                await Console.Error.WriteLineAsync(warning.ToString());
            }

            if (result.Problems.WarningCount > ShownWarnings)
            {
                await Console.Error.WriteLineAsync(options.Text.IsChinese
                    ? $"……另有 {result.Problems.WarningCount - ShownWarnings} 条警告"
                    : $"... and {result.Problems.WarningCount - ShownWarnings} more warnings");
            }

            if (!result.Imported)
            {
                foreach (var error in result.Problems.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString());
                }

                await Console.Error.WriteLineAsync(options.Text.IsChinese
                    ? $"{path} 中有 {result.Problems.Errors.Count} 个问题，未导入任何数据。"
                    : $"{result.Problems.Errors.Count} problem(s) in {path}; nothing was imported.");
                return 1;
            }

            Console.WriteLine(RegisterSummary.Describe(result, path, written, options));
            return 0;
        });
    }
}

/// <summary>The summary of a register import in words, for the command line.</summary>
public static class RegisterSummary
{
    public static string Describe(RegisterImportResult result, string path, string db, RegisterImportOptions options)
    {
        var summary = result.Summary!;
        var rate = result.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        var seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var suggestionsZh = result.Suggested ? $"归链建议 {result.Suggestions} 条" : "未配置归链建议";
        var suggestionsEn = result.Suggested ? $"{result.Suggestions} placement suggestions" : "no placement suggester configured";
        if (options.Text.IsChinese)
        {
            var counts = $"{result.Rows} 行；企业新增 {result.EnterprisesAdded}、更新 {result.EnterprisesUpdated}、非存续 {result.Inactive}（新标记 {result.NewlyInactive}）；" +
                $"事实新增 {summary.FactsAdded}、替换 {summary.FactsRemoved}；警告 {result.Problems.WarningCount} 条；{suggestionsZh}";
            return options.DryRun
                ? $"试运行 {path} → {db}：将导入 {counts}；未写入任何数据。每秒 {rate} 行（{seconds} 秒）。"
                : $"已导入 {path} → {db}：{counts}；数据版本 {summary.DataVersion}。每秒 {rate} 行（{seconds} 秒）。";
        }

        var what = $"{result.Rows} rows; enterprises {result.EnterprisesAdded} added, {result.EnterprisesUpdated} updated, {result.Inactive} inactive ({result.NewlyInactive} newly); " +
            $"facts {summary.FactsAdded} added, {summary.FactsRemoved} replaced; {result.Problems.WarningCount} warnings; {suggestionsEn}";
        return options.DryRun
            ? $"Dry run of {path} into {db}: would import {what}; nothing was written. {rate} rows/s ({seconds} s)."
            : $"Imported {path} into {db}: {what}; data version {summary.DataVersion}. {rate} rows/s ({seconds} s).";
    }
}

/// <summary>The GB/T 4754-2017 table the program ships (<c>seed/reference/gbt4754-2017.csv</c>), read once.</summary>
public static class RegisterIndustries
{
    private static readonly Lazy<IndustryClassification> Table = new(() =>
        IndustryClassification.Parse(File.ReadAllBytes(Path.Combine(SeedFolder.Default, "reference", IndustryClassification.FileName))));

    public static IndustryClassification Load() => Table.Value;
}
