using System.CommandLine;
using System.Diagnostics;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Cli;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary><c>import PATH</c>: validate a seed folder (or JSON file) and merge it into the store, all or nothing.</summary>
public static class ImportCommand
{
    public static Command Build()
    {
        var path = new Argument<string>("path") { Description = "A folder of seed CSV files, or one .json file with the same data (see seed/README.md)." };
        var replace = new Option<bool>("--replace") { Description = "Make the data the whole graph: what it does not hold is removed." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and print what would change, without writing." };
        var store = new StoreOptions();
        var command = new Command("import", "Merge a folder of seed CSV files (or a JSON file) into the store by stable keys, in one transaction: all of it or nothing.")
        {
            path, replace, dryRun,
        };
        store.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(path)!, store.Read(parse), parse.GetValue(replace) ? ImportMode.Replace : ImportMode.Merge, parse.GetValue(dryRun), cancellationToken));
        return command;
    }

    public static Task<int> RunAsync(string path, StoreSettings settings, ImportMode mode, bool dryRun, CancellationToken cancellationToken) =>
        IntoStoreAsync(settings, dryRun, (services, storeExists, shownDb) => ImportIntoAsync(path, services, storeExists, shownDb, mode, dryRun, cancellationToken));

    /// <summary>
    /// Runs an import's <paramref name="work"/> on the chosen store, all or nothing for the file too: a dry run on
    /// a file that does not exist runs against a throwaway one (it writes nothing, not even a new empty store),
    /// and a failed import removes a store file it created. <paramref name="work"/> gets whether the store existed
    /// and, for a throwaway store, the path to name in messages.
    /// </summary>
    public static async Task<int> IntoStoreAsync(StoreSettings settings, bool dryRun, Func<IServiceProvider, bool, string?, Task<int>> work)
    {
        if (dryRun && settings.IsMissingFile)
        {
            var scratch = Path.Combine(Path.GetTempPath(), $"industrygraph-dry-run-{Guid.NewGuid():N}.db");
            try
            {
                return await IntoStoreAsync(settings with { DbPath = scratch }, storeExists: false, settings.DbPath, work);
            }
            finally
            {
                StoreSelection.RemoveStoreFiles(scratch);
            }
        }

        return await IntoStoreAsync(settings, !settings.IsMissingFile, null, work);
    }

    /// <param name="storeExists">False for a file not created yet: a failed import removes the file it created, so it leaves no new file.</param>
    private static async Task<int> IntoStoreAsync(StoreSettings settings, bool storeExists, string? shownDb, Func<IServiceProvider, bool, string?, Task<int>> work)
    {
        var imported = false;
        try
        {
            var exitCode = await CommandLine.WithStoreAsync(settings, services => work(services, storeExists, shownDb));
            imported = exitCode == 0;
            return exitCode;
        }
        finally
        {
            if (!storeExists && !imported)
            {
                StoreSelection.RemoveStoreFiles(settings.DbPath);
            }
        }
    }

    private static async Task<int> ImportIntoAsync(
        string path, IServiceProvider services, bool storeExists, string? shownDb, ImportMode mode, bool dryRun, CancellationToken cancellationToken)
    {
        IGraphStore OpenStore() => services.GetRequiredService<IGraphStore>();

        var clock = Stopwatch.StartNew();
        using var progress = ProgressReporter.Create("import");
        progress.Phase($"reading and validating {path}");
        var known = mode == ImportMode.Merge && storeExists ? await OpenStore().ReadKnownEntitiesAsync(cancellationToken) : null;
        var (data, problems) = SeedFolder.Stream(path, known);
        if (data is null)
        {
            return await RejectAsync(progress, path, problems);
        }

        // The store writes the rows validated so far while the rest are checked; a problem found later rolls it all back.
        var store = OpenStore();
        shownDb ??= store.Location;
        progress.Phase($"validating and writing about {data.ExpectedRows:N0} rows{(dryRun ? " (dry run)" : "")}");
        progress.Start(data.ExpectedRows);
        ImportSummary summary;
        try
        {
            summary = await store.ImportAsync(data, new ImportOptions(mode)
            {
                DryRun = dryRun,
                Origin = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))),
                Progress = progress,
            }, cancellationToken);
        }
        catch (SeedValidationException invalid)
        {
            return await RejectAsync(progress, path, invalid.Errors);
        }

        progress.Phase($"valid: {data.EntityCount} entities, {data.RelationshipCount} relationships, {data.FactCount} facts{(dryRun ? "; checked against the store (dry run)" : "; written")}");
        progress.Dispose();
        var rows = data.RowCount;
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = rows / Math.Max(seconds, 0.001);
        Console.WriteLine(dryRun
            ? $"Dry run of {path} into {shownDb}: would change {Describe(summary)}; nothing was written."
            : $"Imported {path} into {shownDb}: {Describe(summary)}; data version {summary.DataVersion}. " +
              $"{rows:N0} rows in {seconds:0.0} s ({rate:N0} rows/s; reading and validating {data.ProducerTime.TotalSeconds:0.0} s, beside the writing).");
        return 0;
    }

    private static async Task<int> RejectAsync(ProgressReporter progress, string path, IReadOnlyList<SeedError> errors)
    {
        progress.Dispose();
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error.ToString());
        }

        await Console.Error.WriteLineAsync($"{errors.Count} problem(s) in {path}; nothing was imported.");
        return 1;
    }

    public static string Describe(ImportSummary summary) =>
        summary with { DataVersion = 0 } == new ImportSummary(0, 0, 0, 0, 0, 0, 0, 0)
            ? "nothing (the store already holds this data)"
            : $"entities {summary.EntitiesAdded} added, {summary.EntitiesUpdated} updated, {summary.EntitiesRemoved} removed; " +
              $"relationships {summary.RelationshipsAdded} added, {summary.RelationshipsRemoved} removed; " +
              $"facts {summary.FactsAdded} added, {summary.FactsRemoved} removed" +
              (summary.PlacementsAdded + summary.PlacementsUpdated + summary.PlacementsRemoved == 0 ? ""
                  : $"; placements {summary.PlacementsAdded} added, {summary.PlacementsUpdated} updated, {summary.PlacementsRemoved} removed");
}
