using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Storage.Neo4j;

/// <summary>
/// <c>export --format cypher</c>: a cypher-shell script (<c>cypher-shell -f graph.cypher</c>) that writes exactly what the
/// adapter writes. Its statements are <see cref="CypherModel"/>'s own, unchanged; each batch's rows are set first
/// with cypher-shell's <c>:param {rows: [...]}</c>, as Cypher literals (cypher-shell has no JSON parameter form).
/// So values never enter a statement: only the parameter literals hold data. Running it twice changes nothing.
/// </summary>
public static class CypherScript
{
    public const int BatchSize = 500;

    /// <summary>One step of the script: parameters to set, then a statement of the model.</summary>
    public sealed record Step(IReadOnlyDictionary<string, object?> Parameters, string Statement);

    public static IEnumerable<Step> Steps(GraphDataset graph)
    {
        var none = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var statement in Neo4jSchema.Statements)
        {
            yield return new Step(none, statement);
        }

        foreach (var kind in graph.Entities.GroupBy(entity => entity.Kind))
        {
            foreach (var batch in kind.Chunk(BatchSize))
            {
                yield return new Step(Rows("rows", batch.Select(CypherModel.EntityRow)), CypherModel.WriteEntities(kind.Key));
            }
        }

        foreach (var type in graph.Relationships.GroupBy(edge => edge.Type, StringComparer.Ordinal))
        {
            foreach (var batch in type.Chunk(BatchSize))
            {
                yield return new Step(Rows("rows", batch.Select(CypherModel.RelationshipRow)), CypherModel.WriteRelationships(type.Key));
            }
        }

        foreach (var batch in graph.Facts.Chunk(BatchSize))
        {
            yield return new Step(Rows("rows", batch.Select(CypherModel.FactRow)), CypherModel.AddFacts);
        }

        foreach (var batch in graph.Placements.Chunk(BatchSize))
        {
            yield return new Step(Rows("rows", batch.Select(CypherModel.PlacementRow)), CypherModel.WritePlacements);
        }

        // The data version the adapter keeps: 0 on an empty database (so a server would load its seed), 1 after this script.
        var meta = new Dictionary<string, object?>(StringComparer.Ordinal) { ["meta"] = CypherModel.MetaId };
        yield return new Step(meta, CypherModel.Lock);
        yield return new Step(meta, CypherModel.BumpVersion);
    }

    private static Dictionary<string, object?> Rows(string name, IEnumerable<Dictionary<string, object?>> rows) =>
        new(StringComparer.Ordinal) { [name] = rows.ToList() };

    public static void Write(GraphDataset graph, TextWriter writer)
    {
        writer.WriteLine("// IndustryGraph export for Neo4j 5: cypher-shell -u neo4j -p <password> -d <database> -f graph.cypher");
        writer.WriteLine("// The statements are the Neo4j adapter's own; the data of each comes in the :param line before it.");
        foreach (var step in Steps(graph))
        {
            if (step.Parameters.Count > 0)
            {
                writer.Write(":param ");
                writer.WriteLine(Literal(step.Parameters));
            }

            writer.Write(step.Statement.ReplaceLineEndings(" "));
            writer.WriteLine(";");
        }
    }

    /// <summary>A value as a Cypher literal: strings single-quoted with every quote, backslash and control character escaped.</summary>
    public static string Literal(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append('\'');
                foreach (var c in text)
                {
                    _ = c switch
                    {
                        '\\' => builder.Append("\\\\"),
                        '\'' => builder.Append("\\'"),
                        '\n' => builder.Append("\\n"),
                        '\r' => builder.Append("\\r"),
                        '\t' => builder.Append("\\t"),
                        _ when char.IsControl(c) => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                        _ => builder.Append(c),
                    };
                }

                builder.Append('\'');
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case int or long:
                builder.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                var digits = number.ToString("R", CultureInfo.InvariantCulture);
                builder.Append(digits.Contains('.', StringComparison.Ordinal) || digits.Contains('E', StringComparison.Ordinal) ? digits : digits + ".0");
                break;
            case IReadOnlyDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    builder.Append(first ? "" : ", ").Append('`').Append(key.Replace("`", "``", StringComparison.Ordinal)).Append("`: ");
                    Append(builder, item);
                    first = false;
                }

                builder.Append('}');
                break;
            case System.Collections.IEnumerable list:
                builder.Append('[');
                var head = true;
                foreach (var item in list)
                {
                    builder.Append(head ? "" : ", ");
                    Append(builder, item);
                    head = false;
                }

                builder.Append(']');
                break;
            default:
                throw new ArgumentException($"a value of type {value.GetType().Name} has no Cypher literal", nameof(value));
        }
    }
}
