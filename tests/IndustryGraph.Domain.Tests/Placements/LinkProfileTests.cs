using System.Text;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Tests.Placements;

/// <summary>The shipped link profiles and word list: complete, well-formed, and their equivalents symmetric.</summary>
public sealed class LinkProfileTests
{
    [Fact]
    public void Shipped_profiles_read_without_a_problem_against_the_seed_links()
    {
        Assert.Empty(ShippedProfiles.Read.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Every_link_of_every_chain_has_one_profile_naming_its_name_and_aliases()
    {
        var profiles = ShippedProfiles.Set.Profiles.ToDictionary(profile => profile.LinkKey);
        Assert.NotEmpty(ShippedProfiles.Links);
        foreach (var link in ShippedProfiles.Links)
        {
            Assert.True(profiles.TryGetValue(link.Key, out var profile), $"{link.Key} has no profile");
            Assert.All(link.Names, name => Assert.Contains(name, profile!.Words));
        }

        Assert.Equal(ShippedProfiles.Links.Count, profiles.Count);
    }

    [Fact]
    public void Every_code_is_a_four_digit_subclass_or_a_partial_code_marked_so()
    {
        var codes = ShippedProfiles.Set.Profiles.SelectMany(profile => profile.Codes).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code =>
        {
            Assert.True(code.Digits.All(char.IsAsciiDigit), code.ToString());
            Assert.True(code.Partial ? code.Digits.Length is 2 or 3 : code.Digits.Length == 4, code.ToString());
        });
    }

    [Fact]
    public void Every_equivalent_is_a_link_of_another_chain_that_names_it_back()
    {
        var chains = ShippedProfiles.LinkChains;
        var profiles = ShippedProfiles.Set.Profiles.ToDictionary(profile => profile.LinkKey);
        var pairs = 0;
        foreach (var profile in profiles.Values)
        {
            foreach (var equivalent in profile.Equivalents)
            {
                Assert.True(chains.ContainsKey(equivalent), $"{profile.LinkKey}: {equivalent} is no link");
                Assert.NotEqual(chains[profile.LinkKey], chains[equivalent]);
                Assert.Contains(profile.LinkKey, profiles[equivalent].Equivalents);
                pairs++;
            }
        }

        Assert.True(pairs > 0);
        Assert.Contains("link-smart-manufacturing-components", profiles["link-smart-sensor-sensor-module"].Equivalents);
        Assert.Contains("link-smart-manufacturing-equipment", profiles["link-equipment-assembly"].Equivalents);
    }

    [Fact]
    public void Every_trading_word_names_links_and_the_brief_s_verbs_and_contexts_are_there()
    {
        var words = ShippedProfiles.Set.Words.ToDictionary(word => word.Word);
        foreach (var verb in new[] { "研发", "生产", "制造", "加工", "设计", "检测", "开发", "组装" })
        {
            Assert.Equal(PlacementWordKind.Does, words[verb].Kind);
        }

        foreach (var context in new[] { "销售", "批发", "零售", "代理", "进出口", "租赁", "咨询" })
        {
            Assert.Equal(PlacementWordKind.Trades, words[context].Kind);
            Assert.NotEmpty(words[context].Links);
        }

        Assert.Equal(PlacementWordKind.Holds, words["投资控股"].Kind);
    }

    [Fact]
    public void A_bad_code_an_unknown_kind_and_a_one_way_equivalent_are_named_with_file_line_and_column()
    {
        var profiles = """
            link,codes,words,equivalents,note
            link-a-1,39|3983,传感器,link-b-1,why
            link-b-1,397*,芯片,,why
            """;
        var words = """
            word,kind,links,note
            研发,DOES,,why
            销售,SELLS,,why
            """;
        var chains = new Dictionary<string, string> { ["link-a-1"] = "chain-a", ["link-b-1"] = "chain-b", ["link-c-1"] = "chain-c" };

        var result = LinkProfileReader.Read(Encoding.UTF8.GetBytes(profiles), Encoding.UTF8.GetBytes(words), chains);

        Assert.Null(result.Set);
        var messages = result.Errors.Select(error => error.ToString()).ToList();
        Assert.Contains(messages, message => message.StartsWith("link_profiles.csv:2:10: bad industry code '39'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("reference/placement_words.csv:3:4: unknown kind 'SELLS'", StringComparison.Ordinal));
        Assert.Single(result.Errors, error => error.File == "reference/placement_words.csv");
        Assert.Equal(1, result.Errors.Count(error => error.Line == 2 && error.File == "link_profiles.csv"));
    }

    [Fact]
    public void A_link_without_a_profile_and_an_equivalent_not_named_back_are_errors()
    {
        var profiles = """
            link,codes,words,equivalents,note
            link-a-1,3983,传感器,link-b-1,why
            link-b-1,397*,芯片,,why
            """;
        var words = "word,kind,links,note\n研发,DOES,,why\n";
        var chains = new Dictionary<string, string> { ["link-a-1"] = "chain-a", ["link-b-1"] = "chain-b", ["link-c-1"] = "chain-c" };

        var messages = LinkProfileReader.Read(Encoding.UTF8.GetBytes(profiles), Encoding.UTF8.GetBytes(words), chains).Errors.Select(error => error.ToString()).ToList();

        Assert.Contains("link_profiles.csv:2:1: equivalent 'link-b-1' does not name 'link-a-1' back: equivalence goes both ways", messages);
        Assert.Contains("link_profiles.csv: chain link 'link-c-1' has no profile: every link has one", messages);
    }
}
