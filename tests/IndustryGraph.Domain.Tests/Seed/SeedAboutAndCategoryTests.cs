using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Seed;

/// <summary>The optional 'about' column of facts.csv and the park category fact.</summary>
public sealed class SeedAboutAndCategoryTests
{
    private static Dictionary<string, string> WithFacts(params string[] rows)
    {
        var files = SeedFiles.Valid();
        files["facts.csv"] = "entity,key,value,number,unit,as_of,about,source,paragraph,note\n" + string.Join('\n', rows) + "\n";
        return files;
    }

    private static SeedReadResult Read(Dictionary<string, string> files) => SeedReader.TryRead(SeedFiles.Bytes(files));

    [Fact]
    public void A_file_without_the_about_column_reads_facts_about_nothing_else()
    {
        var result = Read(SeedFiles.Valid());
        Assert.Empty(result.Errors);
        Assert.All(result.Dataset!.Facts, fact => Assert.Empty(fact.About));
    }

    [Fact]
    public void About_keys_are_read_as_a_list()
    {
        var result = Read(WithFacts("d-a,park_count,9个,,,,chain-a|link-a-1,art.txt,1,"));
        Assert.Empty(result.Errors);
        var fact = Assert.Single(result.Dataset!.Facts, fact => fact.Key == "park_count");
        Assert.Equal(["chain-a", "link-a-1"], fact.About);
        Assert.Equal(9, fact.Number);
    }

    [Fact]
    public void The_same_figure_about_two_chains_is_two_facts_not_a_duplicate()
    {
        var files = WithFacts("d-a,park_count,9个,,,,chain-a,art.txt,1,", "d-a,park_count,9个,,,,link-a-1,art.txt,1,");
        Assert.Empty(Read(files).Errors);
    }

    [Fact]
    public void An_about_key_that_names_nothing_is_an_error_at_its_cell()
    {
        var result = Read(WithFacts("d-a,park_count,9个,,,,chain-a|chain-nope,art.txt,1,"));
        Assert.Null(result.Dataset);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("facts.csv", 2, 22), (error.File, error.Line, error.Column));
        Assert.Contains("chain-nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_park_category_must_be_one_of_the_known_codes()
    {
        var result = Read(WithFacts("park-a,category,BUSINESS_PARK,,,,,curated,,a guess"));
        Assert.Null(result.Dataset);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("facts.csv", 2, 17), (error.File, error.Line, error.Column));
        Assert.Contains("SMALL_MICRO_PARK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_park_category_reads_as_the_park_s_category()
    {
        var result = Read(WithFacts("park-a,category,SMALL_MICRO_PARK,,,,,art.txt,2,"));
        Assert.Empty(result.Errors);
        Assert.Equal(ParkCategory.SmallMicroPark, ParkCategories.Of(result.Dataset!.Facts));
    }

    [Fact]
    public void About_survives_the_json_form()
    {
        var json = """
            { "sources": [ { "key": "art.txt", "title": "Article" } ],
              "entities": [ { "key": "d-a", "kind": "DISTRICT", "name": "管城区", "aliases": [], "source": "art.txt", "paragraph": 1 },
                            { "key": "chain-a", "kind": "INDUSTRY_CHAIN", "name": "智能传感器", "aliases": [], "source": "curated", "note": "known" } ],
              "chain_links": [], "relationships": [],
              "facts": [ { "entity": "d-a", "key": "park_count", "value": "9个", "about": ["chain-a"], "source": "art.txt", "paragraph": 1 } ] }
            """;
        var result = SeedJson.TryRead("seed.json", System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(result.Errors);
        Assert.Equal(["chain-a"], Assert.Single(result.Dataset!.Facts).About);
    }

    [Fact]
    public void The_same_fact_from_two_sources_is_one_fact_with_both()
    {
        var files = WithFacts("park-a,delivery_period,17个月,,,,,art.txt,2,", "park-a,delivery_period,17个月,,,,,art.txt,3,", "park-a,delivery_period,18个月,,,2025,,art.txt,3,");
        var result = Read(files);
        Assert.Empty(result.Errors);
        var facts = result.Dataset!.Facts.Where(fact => fact.Key == "delivery_period").ToList();
        Assert.Equal(2, facts.Count);
        Assert.Equal([2, 3], facts.Single(fact => fact.Value == "17个月").Sources.Select(source => source.Paragraph!.Value));
    }
}
