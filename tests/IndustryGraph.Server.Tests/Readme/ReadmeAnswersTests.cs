using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Readme;

/// <summary>
/// The answers the README prints are the live server's answers on the seed. A pair is marked for checking by a
/// comment naming the part of the response printed, <c>&lt;!-- checked: data.chainGaps --&gt;</c> (an item of a list by
/// its number, data.chainGaps.0; optionally with <c>Accept-Language: zh-CN</c> after the path), followed by a
/// ```graphql block and a ```json block (a list prints one item per line). UPDATE_README_ANSWERS=1 rewrites the
/// json blocks from the server (then review the diff and commit README.md).
/// </summary>
public sealed partial class ReadmeAnswersTests(RunningServer server) : IClassFixture<RunningServer>
{
    public const string UpdateVariable = "UPDATE_README_ANSWERS";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"<!-- checked: (?<path>[A-Za-z0-9_.]+)(?: Accept-Language: (?<language>[A-Za-z-]+))? -->\s*```graphql\n(?<query>.*?)```\s*```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CheckedPair();

    private static string ReadmePath => Path.Combine(Repository.Root, "README.md");

    [Fact]
    public async Task Every_checked_answer_in_the_readme_is_what_the_server_answers()
    {
        var readme = await File.ReadAllTextAsync(ReadmePath);
        var pairs = CheckedPair().Matches(readme);
        Assert.True(pairs.Count >= 3, "the README's chain analysis section marks its answers for 管城区, 金水区 and 高新区 as checked");
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var rewritten = readme;
        var differences = new List<string>();
        foreach (Match pair in pairs)
        {
            var language = pair.Groups["language"].Success ? pair.Groups["language"].Value : null;
            var response = await server.PostAsync(pair.Groups["query"].Value, acceptLanguage: language);
            Assert.True(response.Errors is null, $"README query failed: {response.Errors?.ToJsonString()}\n{pair.Groups["query"].Value}");
            var actual = At(response.Body!, pair.Groups["path"].Value);
            var printed = Print(actual);
            if (!JsonNode.DeepEquals(Parse(pair.Groups["json"].Value, actual is JsonArray), actual))
            {
                differences.Add($"{pair.Groups["path"].Value} of\n{pair.Groups["query"].Value}\nprinted:\n{pair.Groups["json"].Value}\nserver:\n{printed}");
                rewritten = rewritten.Replace(pair.Value, pair.Value.Replace("```json\n" + pair.Groups["json"].Value, "```json\n" + printed, StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }

        if (update && differences.Count > 0)
        {
            await File.WriteAllTextAsync(ReadmePath, rewritten);
            return;
        }

        Assert.True(differences.Count == 0, $"{differences.Count} README answer(s) differ from the server (UPDATE_README_ANSWERS=1 rewrites them):\n{string.Join("\n---\n", differences)}");
    }

    private static JsonNode? At(JsonNode body, string path)
    {
        var node = body;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonArray array && int.TryParse(part, out var at) ? (at < array.Count ? array[at] : null) : node?[part];
        }

        return node;
    }

    /// <summary>A list one item per line; anything else on one line.</summary>
    private static string Print(JsonNode? node) => node is JsonArray array
        ? string.Concat(array.Select(item => item!.ToJsonString(Compact) + "\n"))
        : (node?.ToJsonString(Compact) ?? "null") + "\n";

    /// <summary>The printed answer: one JSON value (a list item may span lines), or a list one item per line; null when it is not JSON.</summary>
    private static JsonNode? Parse(string printed, bool asList)
    {
        try
        {
            var whole = JsonNode.Parse(printed);
            return asList && whole is not JsonArray ? new JsonArray(whole) : whole;
        }
        catch (JsonException)
        {
            // Not one value: a list printed one item per line.
        }

        try
        {
            return asList
                ? new JsonArray(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonNode.Parse(line)).ToArray())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
