using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Tests.Placements;

/// <summary>What the suggester does with the shipped profiles: makers, traders, holdings, shells, evidence and order.</summary>
public sealed class LinkProfileSuggesterTests
{
    private static IReadOnlyList<PlacementSuggestion> Suggest(string name, string? code, string scope) =>
        ShippedProfiles.Suggester.Suggest(new EnterpriseDescription(name, code, scope));

    [Fact]
    public void A_sensor_maker_is_suggested_into_the_sensor_links_of_several_chains()
    {
        var suggestions = Suggest("郑州某某传感技术有限公司", "3983", "一般项目：气体传感器、压力传感器的研发、生产及销售；五金产品零售");

        var links = suggestions.Select(suggestion => suggestion.LinkKey).ToList();
        Assert.Contains("link-smart-sensor-sensor-module", links);
        Assert.Contains("link-smart-manufacturing-components", links);
        Assert.DoesNotContain("link-trade-wholesale", links);
    }

    [Fact]
    public void A_sensor_distributor_is_placed_in_wholesale_and_in_no_sensor_link()
    {
        var suggestions = Suggest("郑州某某商贸有限公司", "5179", "传感器销售；仪器仪表销售；电子元器件批发；电子产品销售");

        Assert.Equal("link-trade-wholesale", suggestions[0].LinkKey);
        Assert.DoesNotContain(suggestions, suggestion => suggestion.LinkKey.StartsWith("link-smart-sensor", StringComparison.Ordinal));
    }

    [Fact]
    public void A_park_operator_is_placed_in_property_management()
    {
        var suggestions = Suggest("郑州某某产业园运营有限公司", "7221", "园区管理服务；物业管理；非居住房地产租赁");

        Assert.Contains(suggestions, suggestion => suggestion.LinkKey == "link-construction-property");
    }

    [Fact]
    public void A_restaurant_with_a_technology_word_in_its_name_is_placed_in_catering_only()
    {
        var suggestions = Suggest("郑州人工智能主题餐饮有限公司", "6210", "餐饮服务；食品销售");

        Assert.Contains(suggestions, suggestion => suggestion.LinkKey == "link-food-beverage-catering");
        Assert.DoesNotContain(suggestions, suggestion => suggestion.LinkKey.StartsWith("link-ai-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("以自有资金从事投资活动；企业总部管理；投资控股")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("（依法须经批准的项目，经相关部门批准后方可开展经营活动）")]
    public void A_holding_company_or_a_shell_is_placed_nowhere(string scope)
    {
        Assert.Empty(Suggest("郑州智能制造投资控股有限公司", "3491", scope));
    }

    [Fact]
    public void Things_named_in_brackets_after_不含_count_for_nothing()
    {
        Assert.Empty(Suggest("郑州某某有限公司", null, "日用品（不含传感器制造、工业机器人制造）"));
    }

    [Fact]
    public void Evidence_names_each_matched_word_at_its_position_in_the_scope_and_the_code()
    {
        const string scope = "一般项目：工业机器人研发；工业机器人制造";
        var suggestion = Suggest("郑州某某机器人有限公司", "3491", scope).Single(suggestion => suggestion.LinkKey == "link-robotics-body");

        Assert.Contains(new PlacementEvidence(PlacementEvidenceKind.Code, "3491", 0, 4), suggestion.Evidence);
        var words = suggestion.Evidence.Where(evidence => evidence.Kind == PlacementEvidenceKind.Word).ToList();
        Assert.Equal([scope.IndexOf("工业机器人", StringComparison.Ordinal), scope.LastIndexOf("工业机器人", StringComparison.Ordinal)], words.Select(word => word.Start));
        Assert.All(words, word => Assert.Equal(word.Text, scope.Substring(word.Start, word.Length)));
        var name = suggestion.Evidence.Single(evidence => evidence.Kind == PlacementEvidenceKind.Name);
        Assert.Equal("机器人", "郑州某某机器人有限公司".Substring(name.Start, name.Length));
    }

    [Fact]
    public void Scores_are_between_0_and_1_above_the_threshold_best_first_and_the_same_on_every_call()
    {
        var description = new EnterpriseDescription("郑州某某智能装备有限公司", "3491", "工业机器人、数控机床、智能检测装备的研发、生产；机器人系统集成；软件开发");

        var first = ShippedProfiles.Suggester.Suggest(description);
        var again = Enumerable.Range(0, 8).AsParallel().Select(_ => ShippedProfiles.Suggester.Suggest(description)).ToList();

        Assert.True(first.Count > 1);
        Assert.All(first, suggestion => Assert.InRange(suggestion.Score, LinkProfileSuggester.SuggestThreshold, 1));
        Assert.Equal(first.OrderByDescending(suggestion => suggestion.Score).ThenBy(suggestion => suggestion.LinkKey, StringComparer.Ordinal), first);
        Assert.All(again, other => Assert.Equal(first.Select(suggestion => (suggestion.LinkKey, suggestion.Score)), other.Select(suggestion => (suggestion.LinkKey, suggestion.Score))));
    }

    [Theory]
    [InlineData("C3983", "3983")]
    [InlineData(" 3983 ", "3983")]
    [InlineData("398", "398")]
    [InlineData("39831", "")]
    [InlineData("无", "")]
    [InlineData(null, "")]
    public void Industry_codes_are_read_as_registers_write_them(string? code, string digits)
    {
        Assert.Equal(digits, LinkProfileSuggester.IndustryCodeDigits(code));
    }
}
