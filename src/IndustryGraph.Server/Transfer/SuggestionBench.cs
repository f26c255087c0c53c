using System.CommandLine;
using System.Diagnostics;
using System.Text;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// <c>bench suggestions --count N</c>: builds the suggester from the shipped link profiles, generates N register-like
/// descriptions (makers, traders, holdings, shells; long scopes with the usual noise) and prints the microseconds
/// one suggestion costs, on one thread and on all cores. Figures are printed, never asserted.
/// </summary>
public static class SuggestionBench
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
        var command = new Command("suggestions", "Suggest placements for generated register descriptions and print µs per suggestion.") { count, seed, folder };
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
    }
}
