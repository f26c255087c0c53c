using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Register;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Transfer.Register;

/// <summary>
/// <c>bench register --size S|M</c>: generates a register, imports it into a new seeded store and prints rows/s,
/// then imports the same file again (nothing changes: the merge's read-back cost alone). Figures are printed, never asserted.
/// </summary>
public static class RegisterBench
{
    public static Command Build()
    {
        var size = new Option<string>("--size") { Description = "S (1 000 rows) or M (100 000).", DefaultValueFactory = _ => "M" };
        size.AcceptOnlyFromAmong("S", "M", "s", "m");
        var seed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("register", "Generate a register export, import it into a new store and print rows/s.") { size, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.Combine(Path.GetTempPath(), $"industrygraph-bench-register-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                await RunAsync(parse.GetValue(size)!, parse.GetValue(seed), folder, cancellationToken);
            }
            finally
            {
                StoreSelection.ReleaseStoreFiles();
                Directory.Delete(folder, recursive: true);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string size, int seed, string folder, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, "register.csv");
        var clock = Stopwatch.StartNew();
        var rows = new RegisterGenerator(RegisterGenerator.RowsOf(size), seed, RegisterGenerator.ProductWordsOf(SeedFolder.Default), RegisterIndustries.Load()).WriteTo(file);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate register {size.ToUpperInvariant()}: {rows:N0} rows, {new FileInfo(file).Length / 1e6:0.0} MB in {clock.Elapsed.TotalSeconds:0.0} s"));

        var settings = StoreSettings.Sqlite(Path.Combine(folder, "bench.db"));
        await using var services = StoreSelection.Open(settings);
        var store = await StoreSelection.OpenWithSeedAsync(services, settings, SeedFolder.Default, cancellationToken);
        var import = new RegisterImport(store, RegisterIndustries.Load(), services.GetService<IPlacementSuggester>());
        foreach (var round in (string[])["first import", "same file again"])
        {
            var result = await import.RunAsync(file, new RegisterImportOptions("register.csv", "2026-01-01", RegisterText.English) { Trace = step => Console.WriteLine($"  {step}") }, cancellationToken);
            if (!result.Imported)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, result.Problems.Errors.Take(10)));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import-register {round}: {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:0.00} s = {result.RowsPerSecond:N0} rows/s; " +
                $"enterprises +{result.EnterprisesAdded} ~{result.EnterprisesUpdated}, facts +{result.Summary!.FactsAdded}, {result.Problems.WarningCount:N0} warnings, {result.Suggestions:N0} suggestions"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory after: {GC.GetTotalMemory(forceFullCollection: true) / 1e6:0} MB managed, {Environment.WorkingSet / 1e6:0} MB working set"));
    }
}
