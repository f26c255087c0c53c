using System.Text;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Seed;

public sealed class SeedJsonTests
{
    private const string Valid = """
        {
          "sources": [{ "key": "doc-a.txt", "title": "文章甲" }],
          "entities": [
            { "key": "d-one", "kind": "DISTRICT", "name": "一区", "source": "doc-a.txt", "paragraph": 1 },
            { "key": "park-one", "kind": "PARK", "name": "一号园", "aliases": ["一号"], "source": "doc-a.txt", "paragraph": 2 }
          ],
          "chain_links": [],
          "relationships": [{ "from": "park-one", "type": "LOCATED_IN", "to": "d-one", "source": "curated", "note": "known" }],
          "facts": [{ "entity": "park-one", "key": "floor_area", "value": "7.6万平方米", "source": "doc-a.txt", "paragraph": 2 }]
        }
        """;

    [Fact]
    public void The_json_form_reads_like_the_csv_files()
    {
        var result = SeedJson.TryRead("graph.json", Encoding.UTF8.GetBytes(Valid));
        Assert.Empty(result.Errors);
        var dataset = result.Dataset!;
        Assert.Contains(dataset.Entities, entity => entity.Key == "park-one" && entity.Aliases.SequenceEqual(["一号"]));
        var fact = Assert.Single(dataset.Facts, fact => fact.Key == "floor_area");
        Assert.Equal(76_000, fact.Number);
    }

    [Fact]
    public void Json_problems_name_the_line_and_column_of_the_value()
    {
        var broken = Valid.Replace("\"to\": \"d-one\"", "\"to\": \"d-two\"", StringComparison.Ordinal);
        var error = Assert.Single(SeedJson.TryRead("graph.json", Encoding.UTF8.GetBytes(broken)).Errors);
        Assert.Equal(8, error.Line);
        Assert.Equal(71, error.Column);
        Assert.Equal("graph.json", error.File);
        Assert.Contains("d-two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_array_and_broken_json_are_reported()
    {
        var missing = SeedJson.TryRead("graph.json", Encoding.UTF8.GetBytes("{\"sources\": []}")).Errors;
        Assert.Contains(missing, error => error.Message.Contains("\"entities\" is missing", StringComparison.Ordinal));
        var broken = Assert.Single(SeedJson.TryRead("graph.json", Encoding.UTF8.GetBytes("{\"sources\": [}")).Errors);
        Assert.Contains("not valid JSON", broken.Message, StringComparison.Ordinal);
    }
}
