using System.Diagnostics;
using System.Globalization;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Tests.Analysis;

// Prints index build time, memory and query latency of chain analysis on the seed and on a generated graph.
// Usage: dotnet run -c Release --project bench/IndustryGraph.Bench -- [enterprises=100000]
var enterprises = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;

var seedFolder = Path.Combine(AppContext.BaseDirectory, "seed");
var seed = SeedReader.Read(SeedReader.Files.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(seedFolder, name))));
Run("seed", seed);

var stopwatch = Stopwatch.StartNew();
var generated = GeneratedGraph.Create(enterprises, seed: 42);
Console.WriteLine($"generated {enterprises:N0} enterprises in {stopwatch.Elapsed.TotalSeconds:0.0} s");
Run($"generated-{enterprises}", generated);

static void Run(string name, GraphDataset dataset)
{
    GC.Collect();
    var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
    var stopwatch = Stopwatch.StartNew();
    var index = GraphIndex.Build(dataset);
    var build = stopwatch.Elapsed;
    var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(index);
    Console.WriteLine($"[{name}] {index.EntityCount:N0} entities, {index.EdgeCount:N0} relationships: index built in {build.TotalMilliseconds:0.0} ms, ~{(memoryAfter - memoryBefore) / 1024.0 / 1024.0:0.0} MB beyond the dataset");

    var analysis = new ChainAnalysis(index);
    var ids = Enumerable.Range(0, index.EntityCount).ToList();
    var chains = ids.Where(id => index.KindOf(id) == EntityKind.IndustryChain).ToList();
    var districts = ids.Where(id => index.KindOf(id) == EntityKind.District).Select(id => AnalysisScope.Of(index, id)).ToList();
    var links = ids.Where(id => index.KindOf(id) == EntityKind.ChainLink).ToList();
    var random = new Random(1);
    AnalysisScope District() => districts[random.Next(districts.Count)];

    Measure(name, "chainMap (district)", 200, () => analysis.Map(chains[random.Next(chains.Count)], District(), 2));
    Measure(name, "chainMap (city)", 200, () => analysis.Map(chains[random.Next(chains.Count)], AnalysisScope.City, 2));
    Measure(name, "chainGaps (district)", 100, () => analysis.Gaps(chains[random.Next(chains.Count)], District(), 2, includeWeak: true));
    Measure(name, "coverage (district, all chains)", 20, () => analysis.Coverage(District(), 2));
    Measure(name, "upstream depth 6", 200, () => analysis.Trace(links[random.Next(links.Count)], SupplyDirection.Upstream, 6, District(), 2));
    Measure(name, "paths maxHops 4", 200, () =>
    {
        var (from, to) = (random.Next(index.EntityCount), random.Next(index.EntityCount));
        return from == to ? [] : PathFinder.ShortestPaths(index, from, to, 4, 3);
    });
    Measure(name, "whatIf (5 enterprises)", 100, () =>
    {
        var chain = chains[random.Next(chains.Count)];
        var candidates = ids.Where(id => index.KindOf(id) == EntityKind.Enterprise).Skip(random.Next(100)).Take(5).ToList();
        return analysis.WhatIf(chain, District(), candidates, 2);
    });
}

static void Measure(string name, string what, int runs, Func<object> query)
{
    query();
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        query();
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"[{name}] {what,-32} p50 {times[runs / 2],8:0.000} ms   p95 {times[runs * 95 / 100],8:0.000} ms   max {times[^1],8:0.000} ms");
}
