using System.Globalization;
using System.Text.Json;

namespace IndustryGraph.Storage.Neo4j;

/// <summary>
/// Reads the Query API's answers: <c>data.fields</c> and <c>data.values</c> with every value in typed JSON
/// (<c>{"$type": "Integer", "_value": "42"}</c>), <c>transaction.id</c>/<c>expiry</c> of explicit transactions,
/// and <c>errors[]</c> with Neo4j status codes.
/// </summary>
public static class TypedJsonReader
{
    public static (QueryResult Result, (string Id, DateTimeOffset? Expires)? Transaction) ReadAnswer(ReadOnlySpan<byte> json, int status)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            throw new Neo4jQueryException(
                first.TryGetProperty("code", out var code) ? code.GetString() ?? "Neo.Unknown" : "Neo.Unknown",
                first.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "");
        }

        if (status >= 400)
        {
            throw new Neo4jQueryException($"HTTP.{status}", "Neo4j refused the request without an error list");
        }

        (string, DateTimeOffset?)? transaction = null;
        if (root.TryGetProperty("transaction", out var tx) && tx.TryGetProperty("id", out var id))
        {
            DateTimeOffset? expires = tx.TryGetProperty("expiry", out var expiry) && DateTimeOffset.TryParse(expiry.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            transaction = (id.GetString()!, expires);
        }

        if (!root.TryGetProperty("data", out var data))
        {
            return (QueryResult.Empty, transaction);
        }

        var fields = data.TryGetProperty("fields", out var names) ? names.EnumerateArray().Select(name => name.GetString()!).ToList() : [];
        var values = data.TryGetProperty("values", out var rows)
            ? rows.EnumerateArray().Select(row => (IReadOnlyList<object?>)row.EnumerateArray().Select(Value).ToList()).ToList()
            : [];
        return (new QueryResult(fields, values), transaction);
    }

    /// <summary>One typed value: Null, Boolean, Integer, Float, String, Base64, List, Map, Node, Relationship, Path; temporal and spatial values as their text.</summary>
    public static object? Value(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$type", out var type))
        {
            throw new Neo4jQueryException("IndustryGraph.Protocol", $"expected a typed JSON value, got {element.ValueKind}");
        }

        var value = element.GetProperty("_value");
        return type.GetString() switch
        {
            "Null" => null,
            "Boolean" => value.GetBoolean(),
            "Integer" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            "Float" => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            "String" => value.GetString(),
            "Base64" => Convert.FromBase64String(value.GetString()!),
            "List" => value.EnumerateArray().Select(Value).ToList(),
            "Map" => Map(value),
            "Node" => new GraphNode(
                value.GetProperty("_element_id").GetString()!,
                value.GetProperty("_labels").EnumerateArray().Select(label => label.GetString()!).ToList(),
                Map(value.GetProperty("_properties"))),
            "Relationship" => new GraphRelationship(
                value.GetProperty("_element_id").GetString()!,
                value.GetProperty("_start_node_element_id").GetString()!,
                value.GetProperty("_end_node_element_id").GetString()!,
                value.GetProperty("_type").GetString()!,
                Map(value.GetProperty("_properties"))),
            "Path" => value.EnumerateArray().Select(Value).ToList(),
            _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
        };
    }

    private static Dictionary<string, object?> Map(JsonElement map) =>
        map.EnumerateObject().ToDictionary(property => property.Name, property => Value(property.Value), StringComparer.Ordinal);
}
