using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>schema/schema.graphql is the contract clients code against: it must be exactly what the server serves.</summary>
public sealed class SchemaContractTests(RunningServer server) : IClassFixture<RunningServer>
{
    /// <summary>Set to 1 to rewrite schema/schema.graphql from the served schema after an intended change.</summary>
    public const string UpdateVariable = "UPDATE_SCHEMA_SNAPSHOT";

    [Fact]
    public void The_served_sdl_matches_the_committed_snapshot()
    {
        var served = ServedSdl(server.Services.GetRequiredService<ISchema>());
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Repository.SchemaFile, served);
        }

        var committed = File.Exists(Repository.SchemaFile) ? File.ReadAllText(Repository.SchemaFile).ReplaceLineEndings("\n") : "";
        Assert.True(committed == served,
            $"The served schema differs from schema/schema.graphql. If the change is intended, run the tests once with {UpdateVariable}=1 " +
            $"(e.g. {UpdateVariable}=1 dotnet test tests/IndustryGraph.Server.Tests --filter SchemaContractTests) and commit the file. " +
            $"First difference at line {FirstDifferentLine(committed, served)}.");
    }

    public static string ServedSdl(ISchema schema) =>
        "# The GraphQL schema IndustryGraph serves (a snapshot; tests fail when it drifts).\n" +
        "# Regenerate: UPDATE_SCHEMA_SNAPSHOT=1 dotnet test tests/IndustryGraph.Server.Tests --filter SchemaContractTests\n\n" +
        schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static int FirstDifferentLine(string left, string right)
    {
        var a = left.Split('\n');
        var b = right.Split('\n');
        var index = 0;
        while (index < a.Length && index < b.Length && a[index] == b[index])
        {
            index++;
        }

        return index + 1;
    }

    private static readonly HashSet<string> SpecScalars = ["String", "Int", "Float", "Boolean", "ID"];

    [Fact]
    public async Task Every_type_field_argument_and_enum_value_has_a_description()
    {
        var data = await server.QueryAsync("""
            { __schema { types {
                name kind description
                fields(includeDeprecated: true) { name description args { name description } }
                inputFields { name description }
                enumValues(includeDeprecated: true) { name description }
            } } }
            """);
        var missing = new List<string>();
        foreach (var type in data["__schema"]!["types"]!.AsArray().Select(node => node!))
        {
            var typeName = type["name"]!.GetValue<string>();
            // Introspection types and the spec's own scalars are described by the spec, not by this schema.
            if (typeName.StartsWith("__", StringComparison.Ordinal) || SpecScalars.Contains(typeName))
            {
                continue;
            }

            Check(type, typeName);
            foreach (var field in Members(type, "fields"))
            {
                Check(field, $"{typeName}.{field["name"]}");
                foreach (var argument in Members(field, "args"))
                {
                    Check(argument, $"{typeName}.{field["name"]}({argument["name"]})");
                }
            }

            foreach (var member in Members(type, "inputFields").Concat(Members(type, "enumValues")))
            {
                Check(member, $"{typeName}.{member["name"]}");
            }
        }

        Assert.True(missing.Count == 0, "without a description: " + string.Join(", ", missing));

        void Check(JsonNode node, string what)
        {
            if (string.IsNullOrWhiteSpace(node["description"]?.GetValue<string>()))
            {
                missing.Add(what);
            }
        }

        static IEnumerable<JsonNode> Members(JsonNode node, string name) => (node[name] as JsonArray)?.Select(member => member!) ?? [];
    }

    public static TheoryData<string> ExampleFiles() => [.. Directory.GetFiles(Repository.ExamplesFolder, "*.graphql").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Every_example_operation_answers_with_data(string file)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(Repository.ExamplesFolder, file));
        var variablesFile = Path.Combine(Repository.ExamplesFolder, Path.ChangeExtension(file, ".variables.json"));
        var variables = File.Exists(variablesFile) ? JsonNode.Parse(await File.ReadAllTextAsync(variablesFile)) : null;
        var data = await server.QueryAsync(query, variables);
        Assert.All(data.AsObject(), field => Assert.True(field.Value is not null && field.Value.ToJsonString() is not ("[]" or "{}"), $"{file}: {field.Key} is empty"));
    }
}
