using IndustryGraph.Domain.Graph;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>The cypher export: the adapter's statements and its parameters as Cypher literals, checked by Neo4j's parser.</summary>
[RequiresPath("tests/cypher/node_modules/@neo4j-cypher/language-support", "bash tests/setup/40-cypher.sh")]
public sealed class CypherScriptTests
{
    [ContractFact]
    public async Task The_export_of_a_graph_with_awkward_text_lints_clean_statements_and_parameter_literals()
    {
        var sample = SampleGraph.Build();
        var awkward = sample with
        {
            Entities = [.. sample.Entities, new Entity("ent-q", EntityKind.Enterprise, "O'Brien \\ \"引号\"\n第二行\t`tick`", ["a'b"], [], [SourceRef.FromCuration("note with ' and \\")])],
            Placements =
            [
                new Domain.Placements.PlacementRecord("ent-q", "link-s-2", Domain.Placements.PlacementKind.Confirmed, 0.75,
                    [new Domain.Placements.PlacementEvidence(Domain.Placements.PlacementEvidenceKind.Word, "传感器'模组", 3, 6)])
                { Basis = "b1", DecidedBy = "alice", DecidedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) },
                new Domain.Placements.PlacementRecord("ent-gl", "link-s-1", Domain.Placements.PlacementKind.Suggested, null, []),
            ],
        };
        using var writer = new StringWriter();
        CypherScript.Write(awkward, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("//", StringComparison.Ordinal)).ToList();

        var checks = new List<(string, string, IEnumerable<string>)>();
        IEnumerable<string> parameters = [];
        foreach (var (line, index) in lines.Select((line, index) => (line, index)))
        {
            if (line.StartsWith(":param ", StringComparison.Ordinal))
            {
                var literal = line[":param ".Length..];
                // The literal must itself be valid Cypher: checked as an expression.
                checks.Add(($"param#{index}", $"RETURN {literal} AS parameters", []));
                parameters = literal.StartsWith("{`rows`", StringComparison.Ordinal) ? ["rows"] : ["meta"];
            }
            else
            {
                checks.Add(($"statement#{index}", line.TrimEnd(';'), parameters));
                parameters = [];
            }
        }

        var diagnostics = await CypherLint.LintAsync(checks);
        Assert.True(diagnostics.Count == 0, CypherLint.Describe(diagnostics));
        Assert.Contains(lines, line => line.Contains(@"'O\'Brien \\ ""引号""\n第二行\t`tick`'", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith(CypherModel.WritePlacements, StringComparison.Ordinal));
    }

    [Fact]
    public void Literals_escape_every_quote_backslash_and_control_character()
    {
        Assert.Equal(@"{`a`: 'it\'s \\ \n', `b`: [1, 2.5, 3.0, null, true]}",
            CypherScript.Literal(new Dictionary<string, object?> { ["a"] = "it's \\ \n", ["b"] = new object?[] { 1L, 2.5, 3.0, null, true } }));
        Assert.Equal(@"'\u0001'", CypherScript.Literal("\u0001"));
    }
}
