using System.CommandLine;
using System.Diagnostics;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Hosting;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// <c>bench import --size S|M|L</c>: generates a graph, imports it into a new store and prints the throughput
/// of each step, then the time of each export format. Figures are printed, never asserted.
/// </summary>
public static class BenchCommand
{
    public static Command Build()
    {
        var size = new Option<string>("--size") { Description = "S, M or L (see generate).", DefaultValueFactory = _ => "M" };
        size.AcceptOnlyFromAmong("S", "M", "L", "s", "m", "l");
        var seed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 1 };
        var work = new Option<string?>("--work") { Description = "Folder for the generated files, store and exports (default: a new temp folder, deleted after)." };
        var exports = new Option<bool>("--exports") { Description = "Also time each export format.", DefaultValueFactory = _ => true };
        var import = new Command("import", "Generate a graph, import it into a new store and print rows/s (and export times).") { size, seed, work, exports };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), $"industrygraph-bench-{Guid.NewGuid():N}");
            try
            {
                await RunAsync(GraphSize.Parse(parse.GetValue(size)!), parse.GetValue(seed), folder, parse.GetValue(exports), cancellationToken);
            }
            finally
            {
                if (parse.GetValue(work) is null)
                {
                    StoreSelection.ReleaseStoreFiles();
                    Directory.Delete(folder, recursive: true);
                }
            }

            return 0;
        });
        var compareSize = new Option<string>("--size") { Description = "S, M or L (see generate).", DefaultValueFactory = _ => "M" };
        compareSize.AcceptOnlyFromAmong("S", "M", "L", "s", "m", "l");
        var compareSeed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 1 };
        var compareWork = new Option<string?>("--work") { Description = "Folder for the generated graph (reused when there), the store and Kùzu's files (default: industrygraph-compare under the temp folder)." };
        var rounds = new Option<int?>("--rounds") { Description = "Interleaved rounds per question (default 100; 10 at S)." };
        var wrkSeconds = new Option<int?>("--wrk-seconds") { Description = "Seconds of each wrk run (default 5; 1 at S)." };
        var reuseStores = new Option<bool>("--reuse-stores") { Description = "Reuse the store and Kùzu database of an earlier run in --work (no import figure)." };
        var compare = new Command("compare", "The project over HTTP beside Kùzu in-process and plain SQL on the same file, interleaved, with ratios, answers compared; wrk throughput against a plain Kestrel endpoint; start-up, memory, import rows/s.")
        {
            compareSize, compareSeed, compareWork, rounds, wrkSeconds, reuseStores,
        };
        compare.SetAction(async (parse, cancellationToken) =>
        {
            var graphSize = GraphSize.Parse(parse.GetValue(compareSize)!);
            var small = graphSize == GraphSize.S;
            var folder = parse.GetValue(compareWork) ?? Path.Combine(Path.GetTempPath(), "industrygraph-compare");
            var bench = new CompareBench(graphSize, parse.GetValue(compareSeed), folder,
                parse.GetValue(rounds) ?? (small ? 10 : 100), parse.GetValue(wrkSeconds) ?? (small ? 1 : 5), Console.Out)
            {
                ReuseStores = parse.GetValue(reuseStores),
            };
            return await bench.RunAsync(cancellationToken);
        });
        return new Command("bench", "Benchmarks that print figures.") { import, compare, SoakBench.Build(), PlacementStoreBench.Build(), SuggestionBench.Build(), Register.RegisterBench.Build() };
    }

    private static async Task RunAsync(GraphSize size, int seed, string folder, bool exports, CancellationToken cancellationToken)
    {
        var data = Path.Combine(folder, $"graph-{size.Name}");
        var dbPath = Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db");
        var clock = Stopwatch.StartNew();
        var counts = new GraphGenerator(size, seed).WriteTo(data);
        var generate = clock.Elapsed;
        Console.WriteLine($"generate {size.Name}: {counts.Rows:N0} rows ({counts.Entities:N0} entities, {counts.ChainLinks:N0} links, {counts.Relationships:N0} relationships, {counts.Facts:N0} facts) in {generate.TotalSeconds:0.0} s");

        clock.Restart();
        var result = SeedFolder.Read(data);
        var dataset = result.Dataset ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors.Take(10)));
        var read = clock.Elapsed;
        // The embedded store's figures: the benchmark always measures a fresh SQLite file.
        await using var services = StoreSelection.Open(StoreSettings.Sqlite(dbPath));
        var store = services.GetRequiredService<IGraphStore>();
        clock.Restart();
        var summary = await store.ImportAsync(dataset, new ImportOptions(ImportMode.Merge) { Origin = data, Trace = step => Console.WriteLine($"  write step: {step}") }, cancellationToken);
        var write = clock.Elapsed;
        var rows = (double)counts.Rows;
        var total = read + write;
        Console.WriteLine($"import {size.Name}: read+validate {read.TotalSeconds:0.0} s ({rows / read.TotalSeconds:N0} rows/s), " +
            $"write {write.TotalSeconds:0.0} s ({rows / write.TotalSeconds:N0} rows/s)");
        Console.WriteLine($"import {size.Name}: {counts.Rows:N0} rows in {total.TotalSeconds:0.0} s = {rows / total.TotalSeconds:N0} rows/s end to end ({ImportCommand.Describe(summary)})");
        Console.WriteLine($"  garbage collection: {GC.CollectionCount(2)} full collections, {GC.GetTotalPauseDuration().TotalSeconds:0.0} s paused, server GC {System.Runtime.GCSettings.IsServerGC}");
        dataset = null;
        GC.Collect();

        if (!exports)
        {
            return;
        }

        clock.Restart();
        var graph = await store.ReadAllAsync(cancellationToken);
        Console.WriteLine($"export {size.Name}: reading the store {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            clock.Restart();
            var target = Path.Combine(folder, $"export-{size.Name}.{format.ToString().ToLowerInvariant()}");
            ExportCommand.Export(graph, format, target);
            var bytes = format == ExportFormat.Csv
                ? Directory.GetFiles(target).Sum(file => new FileInfo(file).Length)
                : new FileInfo(target).Length;
            Console.WriteLine($"export {size.Name} {format.ToString().ToLowerInvariant()}: {clock.Elapsed.TotalSeconds:0.0} s, {bytes / 1e6:0} MB");
        }
    }
}
