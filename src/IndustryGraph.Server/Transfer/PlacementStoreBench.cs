using System.CommandLine;
using System.Diagnostics;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// <c>bench placements --size S|M|L</c>: the store's side of placement records. Imports a generated graph, then
/// writes two suggestions per enterprise as a register import does (every enterprise suggested for), then the
/// next month's (a tenth of the scores changed, a hundredth of the pairs decided before it), then reads them
/// back whole and in batches. Prints rows/s and times; asserts nothing.
/// </summary>
public static class PlacementStoreBench
{
    public static Command Build()
    {
        var size = new Option<string>("--size") { Description = "S, M or L (see generate).", DefaultValueFactory = _ => "M" };
        size.AcceptOnlyFromAmong("S", "M", "L", "s", "m", "l");
        var seed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("placements", "Write, merge and read placement records on a generated graph and print rows/s.") { size, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.Combine(Path.GetTempPath(), $"industrygraph-bench-placements-{Guid.NewGuid():N}");
            try
            {
                await RunAsync(GraphSize.Parse(parse.GetValue(size)!), parse.GetValue(seed), folder, cancellationToken);
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

    private static async Task RunAsync(GraphSize size, int seed, string folder, CancellationToken cancellationToken)
    {
        var data = Path.Combine(folder, "graph");
        new GraphGenerator(size, seed).WriteTo(data);
        var dataset = SeedFolder.ReadOrThrow(data);
        var enterprises = dataset.Entities.Where(entity => entity.Kind == EntityKind.Enterprise).Select(entity => entity.Key).ToList();
        var links = dataset.Entities.Where(entity => entity.Kind == EntityKind.ChainLink).Select(entity => entity.Key).ToList();
        await using var services = StoreSelection.Open(StoreSettings.Sqlite(Path.Combine(folder, "bench.db")));
        var store = services.GetRequiredService<IGraphStore>();
        var editor = services.GetRequiredService<IGraphEditor>();
        await store.ImportAsync(dataset, ImportMode.Merge, cancellationToken);
        dataset = null;
        Console.WriteLine($"placements {size.Name}: {enterprises.Count:N0} enterprises, {links.Count:N0} links");

        var first = await TimeImportAsync(store, "first import (empty table)", Suggestions(enterprises, links, round: 0), enterprises, cancellationToken);

        var decisions = enterprises.Where((_, index) => index % 100 == 0)
            .Select((key, index) => new PlacementDecision(key, LinkOf(links, key, 0), index % 2 == 0 ? PlacementKind.Confirmed : PlacementKind.Rejected)).ToList();
        var clock = Stopwatch.StartNew();
        await editor.DecidePlacementsAsync(decisions, new EditContext("bench", SourceRef.FromCuration("bench")), cancellationToken);
        Console.WriteLine($"  decide {decisions.Count:N0} in one batch: {clock.Elapsed.TotalSeconds:0.00} s");

        await TimeImportAsync(store, "next month (merge)", Suggestions(enterprises, links, round: 1), enterprises, cancellationToken);

        clock.Restart();
        var whole = await store.ReadAllAsync(cancellationToken);
        Console.WriteLine($"  read all: {clock.Elapsed.TotalSeconds:0.00} s with {whole.Placements.Count:N0} placements ({first:N0} written at first)");
        whole = null;

        var random = new Random(seed);
        const int Batches = 200;
        clock.Restart();
        for (var batch = 0; batch < Batches; batch++)
        {
            await store.GetPlacementsAsync([.. Enumerable.Range(0, 100).Select(_ => enterprises[random.Next(enterprises.Count)])], cancellationToken);
        }

        Console.WriteLine($"  batch read of 100 enterprises: {clock.Elapsed.TotalMilliseconds / Batches:0.00} ms each");
    }

    private static async Task<int> TimeImportAsync(IGraphStore store, string name, List<PlacementRecord> suggestions, List<string> suggestedFor, CancellationToken cancellationToken)
    {
        var stream = new ImportStream(suggestions.Count, (emit, _) =>
        {
            // Parts of a register import's size, each naming the enterprises whose suggestions it brings.
            const int PartEnterprises = 10_000;
            for (var start = 0; start < suggestedFor.Count; start += PartEnterprises)
            {
                var count = Math.Min(PartEnterprises, suggestedFor.Count - start);
                emit(new ImportPart([], [], []) { Placements = suggestions.GetRange(2 * start, 2 * count), SuggestedFor = suggestedFor.GetRange(start, count) });
            }

            return Task.CompletedTask;
        });
        var clock = Stopwatch.StartNew();
        var summary = await store.ImportAsync(stream, new ImportOptions(ImportMode.Merge) { Origin = "bench", Trace = step => Console.WriteLine($"    write step: {step}") }, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {name}: {suggestions.Count:N0} suggestions in {seconds:0.00} s = {suggestions.Count / seconds:N0} rows/s ({ImportCommand.Describe(summary)})");
        return summary.PlacementsAdded;
    }

    private static string LinkOf(List<string> links, string enterprise, int which) =>
        links[(int)((uint)(StringComparer.Ordinal.GetHashCode(enterprise) + which * 7919) % (uint)links.Count)];

    /// <summary>Two suggestions per enterprise, in the order of the enterprises; in round 1 a tenth of the scores differ.</summary>
    private static List<PlacementRecord> Suggestions(List<string> enterprises, List<string> links, int round)
    {
        var suggestions = new List<PlacementRecord>(2 * enterprises.Count);
        for (var index = 0; index < enterprises.Count; index++)
        {
            var key = enterprises[index];
            var changed = round > 0 && index % 10 == 0;
            suggestions.Add(new PlacementRecord(key, LinkOf(links, key, 0), PlacementKind.Suggested, changed ? 0.81 : 0.8,
                [new(PlacementEvidenceKind.Code, "3983", 0, 4), new(PlacementEvidenceKind.Word, "传感器", 18, 3), new(PlacementEvidenceKind.Word, "研发", 14, 2)])
            { Basis = "5f1c0a9e3b7d2c4a6e8f0b1d" });
            var second = LinkOf(links, key, 1);
            suggestions.Add(new PlacementRecord(key, second == LinkOf(links, key, 0) ? LinkOf(links, key, 2) : second, PlacementKind.Suggested, 0.55,
                [new(PlacementEvidenceKind.Word, "模组", 40, 2)])
            { Basis = "5f1c0a9e3b7d2c4a6e8f0b1d" });
        }

        return suggestions;
    }
}
