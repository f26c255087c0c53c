using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Analysis;

/// <summary>
/// Evidence, statuses, coverage, categories, names and languages through HTTP on the seed. Expected values are
/// read from the seed's own facts through the API (no fixed counts: the seed grows).
/// </summary>
public sealed class ChainEvidenceQueriesTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static IEnumerable<JsonNode> Items(JsonNode? array) => array!.AsArray().Select(item => item!);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task A_chain_an_article_counts_parks_of_in_guancheng_is_unmapped_there_never_missing_with_the_count_and_source()
    {
        var data = await server.QueryAsync("""
            {
              district: entity(ref: "管城区") { facts(key: "park_count") { number about { name } sources { document paragraph } } }
              chainMap(chain: "智能制造", scope: { district: "管城" }) {
                scope { place { name } }
                links { status rule reports { kind count place { name } sources { document paragraph } } }
                counts { links missing unmapped }
              }
            }
            """);
        var stated = Items(data["district"]!["facts"]).Single(fact => Items(fact["about"]).Any(chain => Text(chain["name"]) == "智能制造"));
        var map = data["chainMap"]!;
        Assert.Equal("管城区", Text(map["scope"]!["place"]!["name"]));
        Assert.Equal(0, map["counts"]!["missing"]!.GetValue<int>());
        Assert.All(Items(map["links"]), link =>
        {
            if (Text(link["status"]) != "UNMAPPED")
            {
                return;
            }

            var report = Items(link["reports"]).First(item => Text(item["kind"]) == "PARK_COUNT");
            Assert.Equal(stated["number"]!.GetValue<double>(), report["count"]!.GetValue<double>());
            var paragraph = stated["sources"]![0]!["paragraph"]!.GetValue<int>();
            Assert.StartsWith($"UNMAPPED: 管城区 has {stated["number"]!.GetValue<double>()} 智能制造/新一代信息技术 parks ", Text(link["rule"]), StringComparison.Ordinal);
            Assert.Contains($"(001 ¶{paragraph})", Text(link["rule"]), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Information_security_in_jinshui_is_reported_by_the_article_so_no_link_is_missing_and_gaps_name_the_report()
    {
        var data = await server.QueryAsync("""
            {
              chainGaps(chain: "信息安全", scope: { district: "金水区" }) {
                status rule reports { kind place { name } value sources { document } } focusParks { name } researchPartners { partner { name } } reportsElsewhere { place { name } }
              }
            }
            """);
        var gaps = Items(data["chainGaps"]).ToList();
        Assert.NotEmpty(gaps);
        Assert.All(gaps, gap =>
        {
            Assert.NotEqual("MISSING", Text(gap["status"]));
            Assert.StartsWith(Text(gap["status"]), Text(gap["rule"]), StringComparison.Ordinal);
        });
        Assert.All(gaps.Where(gap => Text(gap["status"]) == "UNMAPPED"), gap =>
        {
            Assert.NotEmpty(gap["reports"]!.AsArray());
            Assert.All(Items(gap["reports"]), report => Assert.StartsWith("003_", Text(report["sources"]![0]!["document"]), StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Every_missing_link_in_the_three_districts_has_no_enterprise_and_no_report()
    {
        foreach (var district in new[] { "管城区", "金水区", "郑州高新技术产业开发区" })
        {
            var data = await server.QueryAsync("""
                query($district: String!) { coverage(scope: { district: $district }) { chains { chain { name } } } }
                """, new { district });
            foreach (var chain in Items(data["coverage"]![0]!["chains"]).Select(item => Text(item["chain"]!["name"])))
            {
                var map = (await server.QueryAsync("""
                    query($chain: String!, $district: String!) { chainMap(chain: $chain, scope: { district: $district }) { links { status countInScope reports { kind } rule } } }
                    """, new { chain, district }))["chainMap"]!;
                Assert.All(Items(map["links"]).Where(link => Text(link["status"]) == "MISSING"), link =>
                {
                    Assert.Equal(0, link["countInScope"]!.GetValue<int>());
                    Assert.Empty(link["reports"]!.AsArray());
                    Assert.Contains("no article reports", Text(link["rule"]), StringComparison.Ordinal);
                });
            }
        }
    }

    [Fact]
    public async Task Scope_coverage_counts_known_enterprises_and_the_park_s_own_stated_figure()
    {
        var data = await server.QueryAsync("""
            {
              jindai: entity(ref: "金岱", kind: PARK) { name facts(key: "enterprise_count") { number asOf about { key } } }
              enterprises(park: "金岱", first: 1) { totalCount }
              chainMap(chain: "智能制造", scope: { park: "金岱" }) { scope { coverage { knownEnterprises statedEnterprises sources { document } figures { number } } } }
            }
            """);
        Assert.Equal("城发·金岱智慧产业园", Text(data["jindai"]!["name"]));
        var coverage = data["chainMap"]!["scope"]!["coverage"]!;
        Assert.Equal(data["enterprises"]!["totalCount"]!.GetValue<int>(), coverage["knownEnterprises"]!.GetValue<int>());
        var own = Items(data["jindai"]!["facts"]).Where(fact => fact["about"]!.AsArray().Count == 0).ToList();
        Assert.NotEmpty(own);
        Assert.Contains(own, fact => fact["number"]!.GetValue<double>() == coverage["statedEnterprises"]!.GetValue<double>());
        Assert.Single(coverage["figures"]!.AsArray());
        Assert.NotEmpty(coverage["sources"]!.AsArray());
        Assert.True(coverage["statedEnterprises"]!.GetValue<double>() > coverage["knownEnterprises"]!.GetValue<int>(), "the articles state more enterprises than the graph knows in 金岱");
    }

    [Fact]
    public async Task Parks_filter_by_category_and_a_headquarters_park_says_it_hosts_no_production()
    {
        var data = await server.QueryAsync("""
            {
              all: parks(first: 100) { totalCount nodes { name category } }
              headquarters: parks(category: HEADQUARTERS, first: 100) { totalCount nodes { name category } }
            }
            """);
        var all = Items(data["all"]!["nodes"]).ToList();
        Assert.Equal(data["all"]!["totalCount"]!.GetValue<int>(), all.Count);
        Assert.All(all, park => Assert.NotNull(park["category"]));
        var headquarters = Items(data["headquarters"]!["nodes"]).ToList();
        Assert.NotEmpty(headquarters);
        Assert.All(headquarters, park => Assert.Equal("HEADQUARTERS", Text(park["category"])));
        Assert.Equal(all.Count(park => Text(park["category"]) == "HEADQUARTERS"), headquarters.Count);

        var map = (await server.QueryAsync("""
            query($park: String!) { chainMap(chain: "智能制造", scope: { park: $park }) { links { rule } } }
            """, new { park = Text(headquarters[0]["name"]) }))["chainMap"]!;
        Assert.All(Items(map["links"]), link => Assert.Contains("(HEADQUARTERS): it hosts offices, not production", Text(link["rule"]), StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, string> ChineseStatus = new(StringComparer.Ordinal)
    {
        ["PRESENT"] = "已有", ["WEAK"] = "薄弱", ["SUGGESTED"] = "待确认", ["UNMAPPED"] = "未映射", ["MISSING"] = "缺失",
    };

    [Fact]
    public async Task Rules_reasons_and_errors_come_in_chinese_for_accept_language_zh_and_english_otherwise()
    {
        const string Query = """
            { chainGaps(chain: "智能传感器", scope: { district: "管城区" }) { rule candidates(first: 1) { reasons { code text } } } }
            """;
        var english = (await server.PostAsync(Query, acceptLanguage: "en-US")).Data!["chainGaps"]!.AsArray();
        var chinese = (await server.PostAsync(Query, acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.5")).Data!["chainGaps"]!.AsArray();
        Assert.Equal(english.Count, chinese.Count);
        Assert.NotEmpty(english);
        for (var i = 0; i < english.Count; i++)
        {
            var status = Text(english[i]!["rule"]).Split(':')[0];
            Assert.StartsWith(ChineseStatus[status] + "：", Text(chinese[i]!["rule"]), StringComparison.Ordinal);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Text(chinese[i]!["rule"]).Replace("管城区", "", StringComparison.Ordinal));
            Assert.DoesNotMatch("[A-Za-z]", Text(chinese[i]!["rule"])); // the status too is in words, as the page shows it
        }

        var reasons = Items(chinese).SelectMany(gap => Items(gap["candidates"])).SelectMany(candidate => Items(candidate["reasons"])).ToList();
        Assert.Contains(reasons, reason => Text(reason["code"]).StartsWith("TAG_", StringComparison.Ordinal));
        Assert.All(reasons, reason => Assert.DoesNotMatch("[A-Za-z]", Text(reason["text"])));
        Assert.All(reasons.Where(reason => Text(reason["code"]) == "SOURCED_PLACEMENT"), reason => Assert.Equal("有文章载明它在此环节", Text(reason["text"])));

        var error = await server.PostAsync("""{ chainMap(chain: "没有这条链") { counts { links } } }""", acceptLanguage: "zh");
        Assert.Contains("没有产业链", error.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var englishError = await server.PostAsync("""{ chainMap(chain: "没有这条链") { counts { links } } }""");
        Assert.Contains("no industry chain has", englishError.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("管城", "DISTRICT", "管城区")]
    [InlineData("金岱", "PARK", "城发·金岱智慧产业园")]
    [InlineData("高新", "DISTRICT", "郑州高新技术产业开发区")]
    public async Task A_short_name_resolves_the_same_in_entity_arguments_and_analysis_scopes(string text, string kind, string expected)
    {
        var scope = kind == "PARK" ? "park" : "district";
        var data = await server.QueryAsync($$"""
            query($text: String!) {
              entity(ref: $text, kind: {{kind}}) { name }
              chainMap(chain: "智能制造", scope: { {{scope}}: $text }) { scope { place { name } } }
            }
            """, new { text });
        Assert.Equal(expected, Text(data["entity"]!["name"]));
        Assert.Equal(expected, Text(data["chainMap"]!["scope"]!["place"]!["name"]));
    }

    [Theory]
    [InlineData("管成")]
    [InlineData("区")]
    public async Task An_unknown_or_ambiguous_name_is_not_found_with_the_same_suggestions_on_both_sides(string text)
    {
        var entity = await server.PostAsync("query($text: String!) { entity(ref: $text, kind: DISTRICT) { name } }", new { text });
        var analysis = await server.PostAsync("query($text: String!) { chainMap(chain: \"智能制造\", scope: { district: $text }) { counts { links } } }", new { text });
        foreach (var response in new[] { entity, analysis })
        {
            Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
            var suggestions = response.Errors![0]!["extensions"]!["suggestions"]!.AsArray().Select(item => Text(item)).ToList();
            Assert.InRange(suggestions.Count, 1, 5);
            Assert.All(suggestions, suggestion => Assert.Contains(suggestion, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal));
        }

        Assert.Equal(
            entity.Errors![0]!["extensions"]!["suggestions"]!.ToJsonString(),
            analysis.Errors![0]!["extensions"]!["suggestions"]!.ToJsonString());
    }

    [Theory]
    [InlineData("不存在的区", "DISTRICT")]
    [InlineData("不存在的区", null)]
    [InlineData("不存在的链", "INDUSTRY_CHAIN")]
    public async Task An_unknown_name_sharing_one_character_with_others_gets_no_suggestion(string text, string? kind)
    {
        var response = await server.PostAsync($"query($text: String!) {{ entity(ref: $text{KindArgument(kind)}) {{ name }} }}", new { text });
        Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
        var suggestions = response.Errors![0]!["extensions"]?["suggestions"]?.AsArray().Select(item => Text(item)).ToList() ?? [];
        Assert.Empty(suggestions);
        Assert.DoesNotContain("did you mean", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("管成区", "DISTRICT", "管城区")]
    [InlineData("金水", null, "金水区|金水科教园区|金水科教园区众创空间")]
    [InlineData("城发", "PARK", "城发中心|城发·惠金智慧产业园|城发·郑开智慧产业园|城发·金岱智慧产业园")]
    [InlineData("高新", null, "郑州高新技术产业开发区|高新基金")]
    public async Task A_near_or_ambiguous_name_still_suggests_its_real_candidates_best_first(string text, string? kind, string expected)
    {
        var response = await server.PostAsync($"query($text: String!) {{ entity(ref: $text{KindArgument(kind)}) {{ name }} }}", new { text });
        Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
        var suggestions = response.Errors![0]!["extensions"]!["suggestions"]!.AsArray().Select(item => Text(item)).ToList();
        var wanted = expected.Split('|');
        // The best candidate first (for 高新 the district, whose alias 高新区 starts with the text, before the fund), and all the real ones listed.
        Assert.Equal(wanted[0], suggestions[0]);
        Assert.All(wanted, name => Assert.Contains(name, suggestions));
    }

    private static string KindArgument(string? kind) => kind is null ? "" : $", kind: {kind}";

    [Fact]
    public async Task Chains_keep_presence_apart_from_targets()
    {
        var data = await server.QueryAsync("""
            {
              district: entity(ref: "管城区") { ... on District { focusChains { name } targetChains { name } reports { kind chains { name } } } }
              chain: entity(ref: "智能制造", kind: INDUSTRY_CHAIN) { ... on IndustryChain { reportedIn { place { name } kind } targets { key value } focusPlaces { name } targetPlaces { name } } }
            }
            """);
        Assert.NotEmpty(data["district"]!["reports"]!.AsArray());
        Assert.Contains(Items(data["chain"]!["reportedIn"]), report => Text(report["place"]!["name"]) == "管城区");
        Assert.All(Items(data["chain"]!["targets"]), target => Assert.EndsWith("_target", Text(target["key"]), StringComparison.Ordinal));
    }
}
