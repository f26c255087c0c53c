using System.Text.Json.Nodes;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Examples;

/// <summary>Every operation in schema/examples/ runs against the seed and answers with data.</summary>
public sealed class ExampleOperationsTests(RunningServer server) : IClassFixture<RunningServer>
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.graphql").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_answers_with_non_empty_data(string file)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "examples", file));
        var data = await server.QueryAsync(query);
        foreach (var (field, value) in data.AsObject())
        {
            Assert.True(HasContent(value), $"{file}: {field} is empty: {value?.ToJsonString()}");
        }
    }

    private static bool HasContent(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj when obj["nodes"] is JsonArray nodes => nodes.Count > 0,
        JsonObject obj => obj.Count > 0,
        _ => true,
    };
}
