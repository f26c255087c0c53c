using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>Every statement the adapter sends passes Neo4j's own Cypher parser and semantic checks: no error, no warning.</summary>
[RequiresPath("tests/cypher/node_modules/@neo4j-cypher/language-support", "bash tests/setup/40-cypher.sh")]
public sealed class CypherLintTests
{
    [ContractFact]
    public async Task Every_statement_the_adapter_sends_lints_clean_with_its_parameters_labels_types_and_properties()
    {
        var statements = new List<(string, string, IEnumerable<string>)>();
        foreach (var operation in StatementCatalogue.Operations.Keys)
        {
            foreach (var (request, index) in (await StatementCatalogue.RecordAsync(operation)).Select((request, index) => (request, index)))
            {
                if (request.Statement is { } statement)
                {
                    statements.Add(($"{operation}#{index}", statement, request.Parameters?.Select(parameter => parameter.Key) ?? []));
                }
            }
        }

        // Each distinct statement once, with every parameter name it was ever sent with.
        var distinct = statements.GroupBy(item => item.Item2, StringComparer.Ordinal)
            .Select(group => (group.First().Item1, group.Key, (IEnumerable<string>)group.SelectMany(item => item.Item3).Distinct().ToList()))
            .ToList();
        Assert.True(distinct.Count > 40, $"only {distinct.Count} distinct statements recorded");
        var diagnostics = await CypherLint.LintAsync(distinct);
        Assert.True(diagnostics.Count == 0, CypherLint.Describe(diagnostics));
    }

    [ContractFact]
    public async Task The_linter_reports_a_broken_statement_so_a_clean_run_means_something()
    {
        var diagnostics = await CypherLint.LintAsync([("broken", "MATCH (n:Entity WHERE n.key = $missing RETURN n", []), ("unknown", "MATCH (n:Entty) RETURN n.nme", [])]);
        Assert.Contains(diagnostics, item => (string?)item["name"] == "broken" && (string?)item["severity"] == "Error");
        Assert.Contains(diagnostics, item => (string?)item["name"] == "unknown" && (string?)item["severity"] == "Warning");
    }
}
