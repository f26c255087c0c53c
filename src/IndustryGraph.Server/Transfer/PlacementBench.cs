using System.CommandLine;
using System.Diagnostics;
<<<<<<< HEAD
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
=======
using System.Text;
using IndustryGraph.Domain.Placements;
>>>>>>> placement-engine
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary>
<<<<<<< HEAD
/// <c>bench placements --size S|M|L</c>: the store's side of placement records. Imports a generated graph, then
/// writes two suggestions per enterprise as a register import does (every enterprise suggested for), then the
/// next month's (a tenth of the scores changed, a hundredth of the pairs decided before it), then reads them
/// back whole and in batches. Prints rows/s and times; asserts nothing.
/// </summary>
public static class PlacementBench
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
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
=======
/// <c>bench placement --count N</c>: builds the suggester from the shipped link profiles, generates N register-like
/// descriptions (makers, traders, holdings, shells; long scopes with the usual noise) and prints the microseconds
/// one suggestion costs, on one thread and on all cores. Figures are printed, never asserted.
/// </summary>
public static class PlacementBench
{
    // The noise real scopes carry besides the business: sidelines, trading of anything, boilerplate.
    private static readonly string[] Noise =
    [
        "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "软件开发", "五金产品零售", "办公用品销售", "日用百货销售",
        "计算机软硬件及辅助设备零售", "货物进出口", "技术进出口", "信息咨询服务（不含许可类信息咨询服务）", "会议及展览服务",
        "非居住房地产租赁", "电子产品销售", "机械设备销售", "互联网销售（除销售需要许可的商品）", "企业管理咨询", "劳务服务（不含劳务派遣）",
    ];

    private static readonly string[] Verbs = ["研发", "生产", "制造", "加工", "销售", "设计", "技术服务", "安装"];

    public static Command Build()
    {
        var count = new Option<int>("--count") { Description = "How many descriptions to suggest for.", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 1 };
        var folder = new Option<string?>("--seed-folder") { Description = "The seed folder with the link profiles (default: the shipped one)." };
        var command = new Command("placement", "Suggest placements for generated register descriptions and print µs per suggestion.") { count, seed, folder };
        command.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(folder) ?? SeedFolder.Default));
        return command;
    }

    private static int Run(int count, int seed, string folder)
    {
        var read = LinkProfileFiles.Read(folder);
        if (read.Set is not { } set)
        {
            foreach (var error in read.Errors)
            {
                Console.Error.WriteLine(error);
            }

            return 1;
        }

        var clock = Stopwatch.StartNew();
        var suggester = new LinkProfileSuggester(set);
        Console.WriteLine($"placement: suggester built from {set.Profiles.Count} link profiles and {set.Words.Count} placement words in {clock.Elapsed.TotalMilliseconds:0} ms");

        var descriptions = Generate(set, count, new Random(seed));
        var characters = descriptions.Sum(description => (long)description.BusinessScope.Length);
        Console.WriteLine($"placement: {count:N0} generated descriptions, {characters / (double)count:0} characters of scope on average");

        // Warm-up: the first calls pay for JIT and tiering, not for suggesting.
        foreach (var description in descriptions.Take(Math.Min(count, 20_000)))
        {
            suggester.Suggest(description);
        }

        // The machine is shared: CPU time says what a suggestion costs, wall time what this run got.
        var before = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        long suggestions = 0, nowhere = 0;
        foreach (var description in descriptions)
        {
            var suggested = suggester.Suggest(description);
            suggestions += suggested.Count;
            nowhere += suggested.Count == 0 ? 1 : 0;
        }

        var single = clock.Elapsed;
        var singleCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"placement: one thread {singleCpu.TotalMicroseconds / count:0.00} µs CPU per description ({single.TotalMicroseconds / count:0.00} µs wall, " +
            $"{count / single.TotalSeconds:N0} per second), {(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count:0} bytes allocated each, " +
            $"{suggestions / (double)count:0.00} suggestions each, {nowhere / (double)count:P0} placed nowhere, {GC.CollectionCount(0) - before} gen-0 collections");

        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var parallel = descriptions.AsParallel().Sum(description => suggester.Suggest(description).Count);
        var all = clock.Elapsed;
        Console.WriteLine($"placement: {Environment.ProcessorCount} cores {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count:0.00} µs CPU per description, " +
            $"{all.TotalMicroseconds / count:0.00} µs wall ({count / all.TotalSeconds:N0} per second; {parallel:N0} suggestions)");
        return 0;
    }

    /// <summary>
    /// Register-like descriptions: most name the products of one or two links with verbs, in the modern item format or
    /// the older one, among noise items; some only trade those products, some are holdings and a few are empty shells.
    /// </summary>
    private static List<EnterpriseDescription> Generate(LinkProfileSet set, int count, Random random)
    {
        var profiles = set.Profiles.Where(profile => profile.Words.Count > 0).ToList();
        var descriptions = new List<EnterpriseDescription>(count);
        var scope = new StringBuilder();
        for (var index = 0; index < count; index++)
        {
            var kind = random.Next(100);
            if (kind < 2)
            {
                descriptions.Add(new EnterpriseDescription($"郑州空壳{index}有限公司", null, string.Empty));
                continue;
            }

            var profile = profiles[random.Next(profiles.Count)];
            var other = profiles[random.Next(profiles.Count)];
            var trading = kind < 20;
            scope.Clear().Append(random.Next(2) == 0 ? "一般项目：" : string.Empty);
            if (kind < 25 && !trading)
            {
                scope.Append("以自有资金从事投资活动；企业总部管理；");
            }
            else
            {
                foreach (var source in new[] { profile, profile, other })
                {
                    var word = source.Words[random.Next(source.Words.Count)];
                    var verb = trading ? "销售" : Verbs[random.Next(Verbs.Length)];
                    scope.Append(random.Next(2) == 0 ? word + verb : verb + word).Append('；');
                }
            }

            for (var noise = random.Next(3, 9); noise > 0; noise--)
            {
                scope.Append(Noise[random.Next(Noise.Length)]).Append('；');
            }

            scope.Append("（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）");
            var code = profile.Codes.Count > 0 && random.Next(4) > 0 ? profile.Codes[random.Next(profile.Codes.Count)].Digits.PadRight(4, '1') : null;
            descriptions.Add(new EnterpriseDescription($"郑州{profile.Words[0]}{(trading ? "商贸" : "科技")}有限公司", code, scope.ToString()));
        }

        return descriptions;
>>>>>>> placement-engine
    }
}
