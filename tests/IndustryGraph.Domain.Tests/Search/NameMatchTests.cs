using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;

namespace IndustryGraph.Domain.Tests.Search;

public sealed class NameMatchTests
{
    private static Entity Named(string name, params string[] aliases) => new("k", EntityKind.Park, name, aliases, [], []);

    [Fact]
    public void Exact_name_beats_alias_beats_prefix_beats_substring()
    {
        var exact = NameMatch.Score(Named("金岱智慧产业园"), "金岱智慧产业园");
        var alias = NameMatch.Score(Named("城发·金岱智慧产业园", "金岱智慧产业园"), "金岱智慧产业园");
        var prefix = NameMatch.Score(Named("金岱智慧产业园二期"), "金岱智慧产业园");
        var substring = NameMatch.Score(Named("郑州金岱智慧产业园二期"), "金岱智慧产业园");
        Assert.True(exact > alias && alias > prefix && prefix > substring && substring > 0, $"{exact} {alias} {prefix} {substring}");
    }

    [Fact]
    public void Separators_and_case_do_not_matter() =>
        Assert.Equal(1.0, NameMatch.Score(Named("城发·金岱智慧产业园"), "城发金岱智慧产业园"));

    [Fact]
    public void A_shorter_name_containing_the_query_ranks_higher() =>
        Assert.True(NameMatch.Score(Named("郑州三磨所"), "三磨所") > NameMatch.Score(Named("郑州三磨所超硬材料有限公司"), "三磨所"));

    [Fact]
    public void A_name_without_the_query_scores_zero() => Assert.Equal(0, NameMatch.Score(Named("汉威科技"), "三磨所"));
}
