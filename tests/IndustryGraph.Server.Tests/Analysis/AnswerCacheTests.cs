using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Analysis;

/// <summary>An answer cache of a few hundred kilobytes, so that a flood of distinct questions on the seed fills it many times over.</summary>
public sealed class SmallAnswerCacheServer : IAsyncLifetime
{
    public const long CacheBytes = 256 * 1024;

    public RunningServer Server { get; } = new()
    {
        Configure = services => services.Configure<AnalysisOptions>(options => options.CacheBytes = CacheBytes),
    };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class AnswerCacheTests(SmallAnswerCacheServer fixture) : IClassFixture<SmallAnswerCacheServer>
{
    private const string Question = "query($chain: String!, $threshold: Int!) { chainGaps(chain: $chain, threshold: $threshold, includeWeak: true) { status candidates(first: 1) { score } } }";

    [Fact]
    public async Task A_flood_of_distinct_questions_stays_within_the_cache_bytes_and_each_answer_stays_right()
    {
        var runner = fixture.Server.Services.GetRequiredService<AnalysisRunner>();
        var chains = (await fixture.Server.QueryAsync("{ chains(first: 5) { nodes { name } } }"))["chains"]!["nodes"]!.AsArray()
            .Select(node => node!["name"]!.GetValue<string>()).ToList();
        var asked = 0;
        long counted = 0;
        foreach (var chain in chains)
        {
            for (var threshold = 1; threshold <= 60; threshold++)
            {
                await fixture.Server.QueryAsync(Question, new { chain, threshold });
                asked++;
                counted = Math.Max(counted, runner.CachedBytes);
                Assert.InRange(runner.CachedBytes, 0, SmallAnswerCacheServer.CacheBytes);
            }
        }

        Assert.True(counted > 0, "no answer was cached");
        Assert.InRange(runner.CachedAnswers, 1, asked - 1);

        // An answer that was turned away or evicted is computed again, the same.
        var first = await fixture.Server.QueryAsync(Question, new { chain = chains[0], threshold = 1 });
        var again = await fixture.Server.QueryAsync(Question, new { chain = chains[0], threshold = 1 });
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public void An_answer_is_counted_with_every_candidate_its_gaps_can_come_to_hold()
    {
        var snapshot = fixture.Server.Services.GetRequiredService<AnalysisIndexProvider>().Current!;
        var index = snapshot.Index;
        // The chain and district where the most enterprises elsewhere could be candidates.
        var gaps = index.EntitiesOfKind(EntityKind.IndustryChain).Select(index.IdOf)
            .SelectMany(chain => index.EntitiesOfKind(EntityKind.District).Select(district => snapshot.Analysis.Gaps(chain, AnalysisScope.Of(index, index.IdOf(district)), ChainAnalysis.MaxThreshold, true, true).Gaps))
            .MaxBy(gaps => gaps.Sum(gap => gap.Assessment.EnterprisesElsewhere))!;

        var before = AnswerSize.Of(gaps, snapshot.Index);
        var candidates = gaps.Sum(gap => gap.Candidates.Count);

        Assert.True(candidates > 0, "the seed's chain has no candidates to count");
        Assert.True(before >= candidates * AnswerSize.PerCandidate, $"{candidates} candidates counted in only {before} bytes");
        Assert.Equal(before, AnswerSize.Of(gaps, snapshot.Index));
    }
}
