using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>Runs tests/cypher/lint.mjs — Neo4j's own Cypher parser and semantic analysis — over statements.</summary>
public static class CypherLint
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IndustryGraph.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("not inside the repository");
        }
    }

    /// <summary>Every diagnostic (errors and warnings) for the statements, each with its parameter names, given the adapter's labels, types and properties.</summary>
    public static async Task<List<JsonNode>> LintAsync(IEnumerable<(string Name, string Statement, IEnumerable<string> Parameters)> statements)
    {
        var input = new JsonObject
        {
            ["schema"] = new JsonObject
            {
                ["labels"] = new JsonArray([.. CypherModel.Labels.Select(label => (JsonNode)label)]),
                ["relationshipTypes"] = new JsonArray([.. CypherModel.RelationshipTypeNames.Select(type => (JsonNode)type)]),
                ["propertyKeys"] = new JsonArray([.. CypherModel.PropertyKeys.Concat(CypherModel.RowKeys).Select(key => (JsonNode)key)]),
            },
            ["statements"] = new JsonArray([.. statements.Select(item => (JsonNode)new JsonObject
            {
                ["name"] = item.Name,
                ["statement"] = item.Statement,
                ["parameters"] = new JsonArray([.. item.Parameters.Distinct().Select(name => (JsonNode)name)]),
            })]),
        };
        var file = Path.Combine(Path.GetTempPath(), $"industrygraph-cypher-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, RecordingHandler.Json(input));
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.Combine(RepositoryRoot, "tests", "cypher") };
            start.ArgumentList.Add("lint.mjs");
            start.ArgumentList.Add(file);
            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await node.WaitForExitAsync(timeout.Token);
            Assert.True(node.ExitCode == 0, $"lint.mjs failed: {await errors}");
            return [.. JsonNode.Parse(await output)!.AsArray().Select(item => item!)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static string Describe(IEnumerable<JsonNode> diagnostics) =>
        string.Join("\n", diagnostics.Select(item => $"{item["name"]}: {item["severity"]} at {item["offset"]}: {item["message"]}"));
}
