using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Analysis;

/// <summary>The analysis root fields through HTTP on the seed. Assertions are invariants and sourced facts, not counts: the seed grows.</summary>
public sealed class AnalysisQueriesTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string SmartSensor = "智能传感器";

    private static IEnumerable<JsonNode> Items(JsonNode? array) => array!.AsArray().Select(item => item!);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task Chain_map_groups_every_link_of_the_chain_by_segment_with_statuses_that_add_up()
    {
        var data = await server.QueryAsync("""
            query($chain: String!) {
              chains(nameContains: $chain) { nodes { links { key } } }
              chainMap(chain: $chain, scope: { district: "高新区" }) {
                chain { name } scope { kind label place { name } } threshold
                segments { segment links { link { key name } status rule countInScope enterprisesInScope { enterprise { name district { name } } sourced sources { curated document } } } }
                supplies { from { key } to { key } sources { curated } }
                counts { links present weak unmapped missing }
              }
            }
            """, new { chain = SmartSensor });
        var map = data["chainMap"]!;
        var chainLinks = Items(data["chains"]!["nodes"]![0]!["links"]).Select(link => Text(link["key"])).ToList();
        var mapped = Items(map["segments"]).SelectMany(segment => Items(segment["links"])).ToList();

        Assert.Equal(SmartSensor, Text(map["chain"]!["name"]));
        Assert.Equal("DISTRICT", Text(map["scope"]!["kind"]));
        Assert.Equal(chainLinks, mapped.Select(link => Text(link["link"]!["key"])));
        Assert.Equal(["UPSTREAM", "MIDSTREAM", "DOWNSTREAM"], Items(map["segments"]).Select(segment => Text(segment["segment"])));
        var counts = map["counts"]!;
        Assert.Equal(chainLinks.Count, counts["present"]!.GetValue<int>() + counts["weak"]!.GetValue<int>() + counts["unmapped"]!.GetValue<int>() + counts["missing"]!.GetValue<int>());
        Assert.All(mapped, link =>
        {
            Assert.StartsWith(Text(link["status"]), Text(link["rule"]), StringComparison.Ordinal);
            Assert.Equal(link["countInScope"]!.GetValue<int>(), link["enterprisesInScope"]!.AsArray().Count);
            Assert.All(Items(link["enterprisesInScope"]), placement => Assert.NotEmpty(placement["sources"]!.AsArray()));
        });

        // 汉威科技 is named as a 高新区 leading enterprise of the chain (002 ¶19), so the chain is not empty there.
        Assert.Contains(mapped.SelectMany(link => Items(link["enterprisesInScope"])), placement => Text(placement["enterprise"]!["name"]) == "汉威科技");
        Assert.NotEmpty(map["supplies"]!.AsArray());
        Assert.All(Items(map["supplies"]), edge => Assert.Contains(Text(edge["from"]!["key"]), chainLinks));
    }

    [Fact]
    public async Task A_missing_link_has_no_enterprise_in_the_scope_by_the_enterprises_list_either()
    {
        var districts = Items((await server.QueryAsync("{ districts(first: 100) { nodes { key } } }"))["districts"]!["nodes"]).Select(node => Text(node["key"])).ToList();
        foreach (var chain in new[] { SmartSensor, "装备制造", "超硬材料" })
        {
            foreach (var district in districts)
            {
                var map = await server.QueryAsync("""
                    query($chain: String!, $district: String!) {
                      chainMap(chain: $chain, scope: { district: $district }) { segments { links { link { key } status countInScope } } }
                    }
                    """, new { chain, district });
                foreach (var link in Items(map["chainMap"]!["segments"]).SelectMany(segment => Items(segment["links"])))
                {
                    var listed = await server.QueryAsync(
                        "query($d: String!, $l: String!) { enterprises(district: $d, link: $l) { totalCount } }",
                        new { d = district, l = Text(link["link"]!["key"]) });
                    var total = listed["enterprises"]!["totalCount"]!.GetValue<int>();
                    if (Text(link["status"]) == "MISSING")
                    {
                        Assert.Equal(0, total);
                    }
                    else if (district != "d-zhengzhou")
                    {
                        // The list counts enterprises in the district or its parks, as the analysis does (the city row also counts its sub-districts).
                        Assert.Equal(link["countInScope"]!.GetValue<int>(), total);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task In_a_park_scope_a_missing_link_has_no_enterprise_in_the_park_by_the_enterprises_list_either()
    {
        var parks = Items((await server.QueryAsync("{ parks(first: 100) { nodes { key } } }"))["parks"]!["nodes"]).Select(node => Text(node["key"])).ToList();
        foreach (var park in parks)
        {
            var map = await server.QueryAsync("""
                query($park: String!) { chainMap(chain: "智能传感器", scope: { park: $park }) { links { link { key } status countInScope } } }
                """, new { park });
            foreach (var link in Items(map["chainMap"]!["links"]))
            {
                var listed = await server.QueryAsync(
                    "query($p: String!, $l: String!) { enterprises(park: $p, link: $l) { totalCount } }",
                    new { p = park, l = Text(link["link"]!["key"]) });
                Assert.Equal(link["countInScope"]!.GetValue<int>(), listed["enterprises"]!["totalCount"]!.GetValue<int>());
                Assert.Equal(Text(link["status"]) == "MISSING", link["countInScope"]!.GetValue<int>() == 0);
            }
        }
    }

    [Fact]
    public async Task Chain_gaps_in_guancheng_name_the_rule_candidates_with_reasons_partners_and_hosting_parks()
    {
        var data = await server.QueryAsync("""
            {
              chainGaps(chain: "智能传感器", scope: { district: "管城区" }) {
                link { name chain { name } } segment status rule
                enterprisesInScope { enterprise { name } }
                candidateCount
                candidates(first: 5) { enterprise { name district { name } } score reasons { code points text } placement { sourced sources { curated note } } }
                researchPartners { partner { name } supportsLink inScope }
                hostingParks { park { name } district { name } enterpriseCount }
                hostingDistricts { district { name } enterpriseCount enterprises { enterprise { name } } }
              }
            }
            """);
        var gaps = Items(data["chainGaps"]).ToList();

        Assert.NotEmpty(gaps);
        Assert.All(gaps, gap =>
        {
            Assert.Contains(Text(gap["status"]), new[] { "MISSING", "WEAK" });
            Assert.Contains("管城区", Text(gap["rule"]), StringComparison.Ordinal);
            Assert.Equal(SmartSensor, Text(gap["link"]!["chain"]!["name"]));
            var scores = Items(gap["candidates"]).Select(candidate => candidate["score"]!.GetValue<double>()).ToList();
            Assert.Equal(scores.OrderDescending(), scores);
            Assert.All(Items(gap["candidates"]), candidate =>
            {
                Assert.Equal(candidate["score"]!.GetValue<double>(), Items(candidate["reasons"]).Sum(reason => reason["points"]!.GetValue<double>()), 6);
                Assert.NotEqual("管城区", candidate["district"]?["name"]?.GetValue<string>());
            });
        });

        // 汉威科技 leads the chain (002 ¶19) and works outside 管城区, so wherever it is a candidate its LEADS counts.
        var hanwei = gaps.SelectMany(gap => Items(gap["candidates"])).Where(candidate => Text(candidate["enterprise"]!["name"]) == "汉威科技").ToList();
        Assert.NotEmpty(hanwei);
        Assert.All(hanwei, candidate => Assert.Contains(Items(candidate["reasons"]), reason => Text(reason["code"]) == "LEADS_CHAIN"));

        // Every candidate sits somewhere outside 管城区; those with a known district show up under hostingDistricts.
        Assert.All(gaps, gap => Assert.DoesNotContain(Items(gap["hostingDistricts"]), place => Text(place["district"]!["name"]) == "管城区"));
        Assert.Contains(gaps.SelectMany(gap => Items(gap["hostingDistricts"])), place => Text(place["district"]!["name"]) == "郑州高新技术产业开发区");
    }

    [Fact]
    public async Task Chain_gaps_with_include_weak_false_list_missing_and_unmapped_links_and_without_unmapped_only_missing()
    {
        var data = await server.QueryAsync("""
            {
              some: chainGaps(chain: "智能传感器", scope: { district: "高新区" }, includeWeak: false) { status }
              missing: chainGaps(chain: "智能传感器", scope: { district: "高新区" }, includeWeak: false, includeUnmapped: false) { status }
            }
            """);

        Assert.All(Items(data["some"]), gap => Assert.Contains(Text(gap["status"]), new[] { "MISSING", "UNMAPPED" }));
        Assert.All(Items(data["missing"]), gap => Assert.Equal("MISSING", Text(gap["status"])));
        Assert.Equal(Items(data["some"]).Count(gap => Text(gap["status"]) == "MISSING"), Items(data["missing"]).Count());
    }

    [Fact]
    public async Task Upstream_and_downstream_walk_supplies_edges_with_distances_and_scope_marks()
    {
        var data = await server.QueryAsync("""
            {
              up: upstream(of: "link-smart-sensor-smart-instrument", depth: 1) { link { key } distance via { key } status enterprises { inScope enterprise { name } sources { curated } } }
              deep: upstream(of: "link-smart-sensor-smart-instrument", depth: 6) { link { key } distance }
              down: downstream(of: "汉威科技", depth: 2, scope: { district: "高新区" }) { link { key chain { name } } distance inScope enterprisesInScopeCount enterprises(inScopeOnly: true) { inScope } }
            }
            """);

        var up = Items(data["up"]).ToList();
        Assert.Contains(up, step => Text(step["link"]!["key"]) == "link-smart-sensor-sensor-module");
        Assert.All(up, step =>
        {
            Assert.Equal(1, step["distance"]!.GetValue<int>());
            Assert.Equal(["link-smart-sensor-smart-instrument"], Items(step["via"]).Select(via => Text(via["key"])));
        });

        var deep = Items(data["deep"]).ToList();
        var distances = deep.Select(step => step["distance"]!.GetValue<int>()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.Equal(deep.Count, deep.Select(step => Text(step["link"]!["key"])).Distinct().Count());
        Assert.Contains(deep, step => Text(step["link"]!["key"]) == "link-smart-sensor-sensitive-material");

        var down = Items(data["down"]).ToList();
        Assert.NotEmpty(down);
        Assert.All(down, step =>
        {
            Assert.InRange(step["distance"]!.GetValue<int>(), 1, 2);
            Assert.Equal(step["inScope"]!.GetValue<bool>(), step["enterprisesInScopeCount"]!.GetValue<int>() > 0);
            Assert.Equal(step["enterprisesInScopeCount"]!.GetValue<int>(), step["enterprises"]!.AsArray().Count);
        });
    }

    [Fact]
    public async Task Paths_connect_an_enterprise_to_a_park_hop_by_hop_with_provenance()
    {
        var data = await server.QueryAsync("""
            {
              paths(from: "汉威科技", to: "城发·金岱智慧产业园", maxHops: 6, first: 5) {
                length steps { from { name } to { name } relationship direction sources { document paragraph curated } }
              }
            }
            """);
        var paths = Items(data["paths"]).ToList();

        Assert.NotEmpty(paths);
        var length = paths[0]["length"]!.GetValue<int>();
        Assert.All(paths, path =>
        {
            var steps = Items(path["steps"]).ToList();
            Assert.Equal(length, path["length"]!.GetValue<int>());
            Assert.Equal(length, steps.Count);
            Assert.Equal("汉威科技", Text(steps[0]["from"]!["name"]));
            Assert.Equal("城发·金岱智慧产业园", Text(steps[^1]["to"]!["name"]));
            Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.Equal(Text(pair.First["to"]!["name"]), Text(pair.Second["from"]!["name"])));
            Assert.All(steps, step => Assert.NotEmpty(step["sources"]!.AsArray()));
        });

        var shorter = await server.QueryAsync("""{ paths(from: "汉威科技", to: "城发·金岱智慧产业园", maxHops: 1) { length } }""");
        Assert.Empty(shorter["paths"]!.AsArray());
    }

    [Fact]
    public async Task Coverage_gives_every_chain_by_segment_and_compares_scopes_side_by_side()
    {
        var data = await server.QueryAsync("""
            {
              all: coverage(scope: { district: "管城区" }) { scope { label } threshold chains { chain { name } segments { segment counts { links present weak unmapped missing } } total { links present weak unmapped missing reached } } }
              chainsList: chains(first: 100) { totalCount }
              side: coverage(chain: "智能传感器", scope: { district: "高新区" }, compare: [{ district: "管城区" }, {}]) { scope { kind label } chains { chain { name } total { links present weak unmapped missing } } }
            }
            """);

        var all = data["all"]![0]!;
        Assert.Equal("管城区", Text(all["scope"]!["label"]));
        Assert.Equal(data["chainsList"]!["totalCount"]!.GetValue<int>(), all["chains"]!.AsArray().Count);
        Assert.All(Items(all["chains"]), chain =>
        {
            var total = chain["total"]!;
            Assert.Equal(total["links"]!.GetValue<int>(), total["present"]!.GetValue<int>() + total["weak"]!.GetValue<int>() + total["unmapped"]!.GetValue<int>() + total["missing"]!.GetValue<int>());
            Assert.Equal(total["links"]!.GetValue<int>(), Items(chain["segments"]).Sum(segment => segment["counts"]!["links"]!.GetValue<int>()));
        });

        var side = Items(data["side"]).ToList();
        Assert.Equal(["DISTRICT", "DISTRICT", "CITY"], side.Select(scope => Text(scope["scope"]!["kind"])));
        Assert.All(side, scope => Assert.Equal(SmartSensor, Text(scope["chains"]!.AsArray().Single()!["chain"]!["name"])));
        // The city holds every district, so it misses no more links than any of them.
        var missing = side.Select(scope => scope["chains"]![0]!["total"]!["missing"]!.GetValue<int>()).ToList();
        Assert.True(missing[2] <= missing.Min());
    }

    [Fact]
    public async Task What_if_closes_links_in_guancheng_when_sensor_leaders_settle_there()
    {
        var data = await server.QueryAsync("""
            {
              whatIf(chain: "智能传感器", scope: { district: "管城区" }, enterprises: ["汉威科技", "光力科技"]) {
                enterprises { name }
                changes { link { name } effect before after countBefore countAfter added { enterprise { name } sourced } }
                closes { name }
                before { total { present weak missing } }
                after { total { present weak missing } }
                alreadyInScope { name } outsideChain { name }
              }
            }
            """);
        var result = data["whatIf"]!;

        Assert.NotEmpty(result["changes"]!.AsArray());
        Assert.NotEmpty(result["closes"]!.AsArray());
        Assert.All(Items(result["changes"]), change =>
            Assert.Equal(change["countAfter"]!.GetValue<int>() - change["countBefore"]!.GetValue<int>(), change["added"]!.AsArray().Count));
        Assert.True(result["after"]!["total"]!["missing"]!.GetValue<int>() < result["before"]!["total"]!["missing"]!.GetValue<int>());
        Assert.Empty(result["alreadyInScope"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ chainMap(chain: "不存在的链") { threshold } }""", "NOT_FOUND")]
    [InlineData("""{ chainGaps(chain: "智能传感器", scope: { district: "不存在区" }) { status } }""", "NOT_FOUND")]
    [InlineData("""{ chainGaps(chain: "智能传感器", scope: { park: "不存在园" }) { status } }""", "NOT_FOUND")]
    [InlineData("""{ chainMap(chain: "智能传感器", scope: { park: "城发·金岱智慧产业园", district: "高新区" }) { threshold } }""", "BAD_USER_INPUT")]
    [InlineData("""{ chainMap(chain: "智能传感器", threshold: 0) { threshold } }""", "BAD_USER_INPUT")]
    [InlineData("""{ upstream(of: "link-smart-sensor-smart-instrument", depth: 7) { distance } }""", "BAD_USER_INPUT")]
    [InlineData("""{ downstream(of: "link-smart-sensor-smart-instrument", depth: 0) { distance } }""", "BAD_USER_INPUT")]
    [InlineData("""{ upstream(of: "城发·金岱智慧产业园") { distance } }""", "BAD_USER_INPUT")]
    [InlineData("""{ upstream(of: "没有这家企业") { distance } }""", "NOT_FOUND")]
    [InlineData("""{ paths(from: "汉威科技", to: "管城区", maxHops: 7) { length } }""", "BAD_USER_INPUT")]
    [InlineData("""{ paths(from: "汉威科技", to: "管城区", maxHops: 0) { length } }""", "BAD_USER_INPUT")]
    [InlineData("""{ paths(from: "汉威科技", to: "汉威科技") { length } }""", "BAD_USER_INPUT")]
    [InlineData("""{ paths(from: "汉威科技", to: "无处") { length } }""", "NOT_FOUND")]
    [InlineData("""{ coverage(scope: { district: "不存在区" }) { threshold } }""", "NOT_FOUND")]
    [InlineData("""{ whatIf(chain: "智能传感器", scope: {}, enterprises: []) { threshold } }""", "BAD_USER_INPUT")]
    [InlineData("""{ whatIf(chain: "智能传感器", scope: { district: "管城区" }, enterprises: ["没有这家企业"]) { threshold } }""", "NOT_FOUND")]
    public async Task Bad_arguments_are_errors_with_a_code_never_an_empty_answer(string query, string code)
    {
        var response = await server.PostAsync(query);

        Assert.Equal([code], response.ErrorCodes);
        Assert.True(response.Data is null || response.Data.AsObject().All(field => field.Value is null), response.Body?.ToJsonString());
    }

    [Fact]
    public async Task Entities_in_answers_are_the_entity_types_so_clients_keep_traversing()
    {
        var data = await server.QueryAsync("""
            { chainMap(chain: "智能传感器") { segments { links { link { id chain { name } upstream { name } } enterprisesInScope { enterprise { id parks { name } chainLinks { name } } } } } } }
            """);
        var link = data["chainMap"]!["segments"]![0]!["links"]![0]!["link"]!;
        var node = await server.QueryAsync("query($id: ID!) { node(id: $id) { ... on ChainLink { name chain { name } } } }", new { id = Text(link["id"]) });

        Assert.Equal(SmartSensor, Text(node["node"]!["chain"]!["name"]));
    }
}
