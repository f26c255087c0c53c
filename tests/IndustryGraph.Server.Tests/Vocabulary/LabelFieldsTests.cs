using System.Text.RegularExpressions;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Vocabulary;

/// <summary>The `label` fields beside keys over HTTP: Chinese without an Accept-Language, English when asked, the key never shown in its place.</summary>
public sealed partial class LabelFieldsTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string EntityQuery = """
        { entity(ref: "城发·金岱智慧产业园") {
            kind kindLabel tags tagLabels
            facts { key label value valueLabel asOf asOfLabel sources { document paragraph curated note noteLabel title label } }
            relationships { type label }
        } }
        """;

    private const string MapQuery = """
        { chainMap(chain: "智能传感器") {
            scope { kind label }
            links { status statusLabel link { segment segmentLabel } }
        } }
        """;

    [GeneratedRegex(@"^[0-9a-f]{3}_[0-9a-f]{16}\.txt$")]
    private static partial Regex ArticleFileName();

    [Fact]
    public async Task Facts_relationships_and_sources_are_labelled_in_chinese_by_default()
    {
        var entity = (await server.PostAsync(EntityQuery)).Data!["entity"]!;
        Assert.Equal("园区", entity["kindLabel"]!.GetValue<string>());
        var facts = entity["facts"]!.AsArray();
        var count = facts.First(fact => fact!["key"]!.GetValue<string>() == "enterprise_count")!;
        Assert.Equal("企业数", count["label"]!.GetValue<string>());
        var category = facts.First(fact => fact!["key"]!.GetValue<string>() == "category")!;
        Assert.Equal("SMALL_MICRO_PARK", category["value"]!.GetValue<string>());
        Assert.Equal("小微企业园", category["valueLabel"]!.GetValue<string>());
        Assert.All(facts, fact => Assert.NotEqual(fact!["key"]!.GetValue<string>(), fact["label"]!.GetValue<string>()));

        foreach (var source in facts.SelectMany(fact => fact!["sources"]!.AsArray()))
        {
            var label = source!["label"]!.GetValue<string>();
            if (source["document"] is { } document)
            {
                Assert.Matches(ArticleFileName(), document.GetValue<string>());
                Assert.DoesNotContain(document.GetValue<string>(), label, StringComparison.Ordinal);
                Assert.EndsWith($" 第{source["paragraph"]!.GetValue<int>()}段", label, StringComparison.Ordinal);
                Assert.StartsWith(source["title"]!.GetValue<string>().Split("——")[0].Trim(), label, StringComparison.Ordinal);
            }
            else
            {
                Assert.StartsWith("人工整理", label, StringComparison.Ordinal);
            }
        }

        var relationships = entity["relationships"]!.AsArray();
        Assert.Contains(relationships, relationship => relationship!["type"]!.GetValue<string>() == "LOCATED_IN" && relationship["label"]!.GetValue<string>() == "位于");
    }

    [Fact]
    public async Task An_english_note_reads_in_chinese_by_default_and_as_written_in_english()
    {
        const string Query = """{ entity(ref: "汉威科技") { sources { curated note noteLabel label } } }""";
        var chinese = (await server.PostAsync(Query)).Data!["entity"]!["sources"]!.AsArray();
        var english = (await server.PostAsync(Query, acceptLanguage: "en-US,en;q=0.9")).Data!["entity"]!["sources"]!.AsArray();
        var curated = chinese.Select((source, index) => (Chinese: source!, English: english[index]!)).Where(pair => pair.Chinese["curated"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(curated);
        foreach (var (zh, en) in curated)
        {
            var note = zh["note"]!.GetValue<string>();
            Assert.Matches(@"[A-Za-z]{3}", note);
            Assert.DoesNotMatch(@"\b(curated|from|the|and)\b", zh["noteLabel"]!.GetValue<string>());
            Assert.StartsWith("人工整理：", zh["label"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(note.Replace("curated:", "", StringComparison.Ordinal).Trim(), en["noteLabel"]!.GetValue<string>());
            Assert.StartsWith("curated: ", en["label"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Statuses_segments_and_the_whole_city_follow_accept_language()
    {
        var chinese = (await server.PostAsync(MapQuery, acceptLanguage: "zh-CN")).Data!["chainMap"]!;
        Assert.Equal("CITY", chinese["scope"]!["kind"]!.GetValue<string>());
        Assert.Equal("全市", chinese["scope"]!["label"]!.GetValue<string>());
        var statusWords = new Dictionary<string, string> { ["PRESENT"] = "已有", ["WEAK"] = "薄弱", ["SUGGESTED"] = "待确认", ["UNMAPPED"] = "未映射", ["MISSING"] = "缺失" };
        Assert.All(chinese["links"]!.AsArray(), link => Assert.Equal(statusWords[link!["status"]!.GetValue<string>()], link["statusLabel"]!.GetValue<string>()));
        Assert.Contains(chinese["links"]!.AsArray(), link => link!["link"]!["segmentLabel"]!.GetValue<string>() == "上游");

        var english = (await server.PostAsync(MapQuery, acceptLanguage: "en")).Data!["chainMap"]!;
        Assert.Equal("whole city", english["scope"]!["label"]!.GetValue<string>());
        var englishWords = new Dictionary<string, string> { ["PRESENT"] = "Present", ["WEAK"] = "Weak", ["SUGGESTED"] = "Suggested (to confirm)", ["UNMAPPED"] = "Unmapped", ["MISSING"] = "Missing" };
        Assert.All(english["links"]!.AsArray(), link => Assert.Equal(englishWords[link!["status"]!.GetValue<string>()], link["statusLabel"]!.GetValue<string>()));
    }
}
