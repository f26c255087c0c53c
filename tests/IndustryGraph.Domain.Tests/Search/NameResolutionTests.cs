using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Cancellation;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;
using IndustryGraph.Domain.Tests.Analysis;

namespace IndustryGraph.Domain.Tests.Search;

/// <summary>Names a planner types, resolved on the analysis index (the store side is tested over HTTP).</summary>
public sealed class NameResolutionTests
{
    private readonly GraphIndex index = GraphIndex.Build(FixtureGraph.Build());

    private string Resolve(string text, EntityKind kind) => index.Entity(index.ResolveOne(text, kind, "arg")).Key;

    [Fact]
    public void An_exact_name_alias_or_key_wins()
    {
        Assert.Equal("park-one", Resolve("一号园", EntityKind.Park));
        Assert.Equal("chain-x", Resolve("chain x", EntityKind.IndustryChain));
        Assert.Equal("d-one", Resolve("d-one", EntityKind.District));
    }

    [Fact]
    public async Task Resolving_a_name_that_fits_none_stops_when_the_work_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        // A flow of its own, as a request's is: the token set here is gone when it ends.
        await Task.Run(() =>
        {
            WorkCancellation.Set(cancelled.Token);
            Assert.Throws<OperationCanceledException>(() => NameMatch.Resolve("没有这个名字", index.EntitiesOfKind(null)));
        });
        Assert.False(WorkCancellation.Token.IsCancellationRequested);
        Assert.Null(NameMatch.Resolve("没有这个名字", index.EntitiesOfKind(null)).Match);
    }

    [Fact]
    public void A_unique_prefix_or_part_of_a_name_resolves()
    {
        Assert.Equal("park-one", Resolve("一号", EntityKind.Park));
        Assert.Equal("chain-x", Resolve("X", EntityKind.IndustryChain));
        Assert.Equal("park-orphan", Resolve("孤", EntityKind.Park));
    }

    [Fact]
    public void An_ambiguous_name_is_not_found_with_every_fitting_name_best_first()
    {
        var error = Assert.Throws<AnalysisException>(() => Resolve("园", EntityKind.Park));
        Assert.Equal(AnalysisError.NotFound, error.Error);
        Assert.Equal(["孤园", "一号园", "二号园"], error.Suggestions);
        Assert.Contains("孤园, 一号园, 二号园", error.Message, StringComparison.Ordinal);
        Assert.Contains("孤园、一号园、二号园", error.MessageIn(AnalysisText.Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_suggests_names_sharing_its_characters()
    {
        var error = Assert.Throws<AnalysisException>(() => Resolve("Z链", EntityKind.IndustryChain));
        Assert.Equal(AnalysisError.NotFound, error.Error);
        Assert.Equal(["X链", "Y链"], error.Suggestions);
        Assert.Contains("did you mean X链, Y链?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_is_suggested_only_names_at_least_half_alike()
    {
        var entities = FixtureGraph.Build().Entities.Where(entity => entity.Kind is EntityKind.District or EntityKind.Park).ToList();
        // 三号园 shares two of its three characters with 一号园 and 二号园, but only 园 with 孤园 and nothing with the districts.
        Assert.Equal(["一号园", "二号园"], NameMatch.Resolve("三号园", entities).SuggestionNames);
        // One shared character of three (区 of 一区, 二区) is too little: better no suggestion than a wrong one.
        Assert.Empty(NameMatch.Resolve("三号区", entities).Suggestions);
    }

    [Fact]
    public void The_same_ranking_decides_for_any_list_of_candidates()
    {
        var entities = FixtureGraph.Build().Entities.Where(entity => entity.Kind == EntityKind.District).ToList();
        Assert.Equal("d-two", NameMatch.Resolve("二", entities).Match!.Key);
        Assert.True(NameMatch.Resolve("区", entities).Ambiguous);
        Assert.Null(NameMatch.Resolve("  ", entities).Match);
    }
}
