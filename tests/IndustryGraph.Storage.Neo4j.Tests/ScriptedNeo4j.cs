using System.Net;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>Typed JSON values as the Query API writes them (application/vnd.neo4j.query.v1.1).</summary>
public static class Typed
{
    public static JsonObject Of(string type, JsonNode? value) => new() { ["$type"] = type, ["_value"] = value };

    public static JsonObject Int(long value) => Of("Integer", value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static JsonObject Float(double value) => Of("Float", value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    public static JsonObject Str(string? value) => value is null ? Of("Null", null) : Of("String", value);

    public static JsonObject Bool(bool value) => Of("Boolean", value);

    public static JsonObject List(IEnumerable<JsonNode> items) => Of("List", new JsonArray([.. items]));

    public static JsonObject Map(IEnumerable<(string Key, JsonNode Value)> entries)
    {
        var map = new JsonObject();
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return Of("Map", map);
    }

    public static JsonObject Node(string elementId, string[] labels, IEnumerable<(string Key, JsonNode Value)> properties)
    {
        var props = new JsonObject();
        foreach (var (key, value) in properties)
        {
            props[key] = value;
        }

        return Of("Node", new JsonObject { ["_element_id"] = elementId, ["_labels"] = new JsonArray([.. labels.Select(label => (JsonNode)label)]), ["_properties"] = props });
    }

    public static string Answer(string[] fields, IEnumerable<JsonNode[]> rows, string? transactionId = null)
    {
        var answer = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. fields.Select(field => (JsonNode)field)]),
                ["values"] = new JsonArray([.. rows.Select(row => (JsonNode)new JsonArray(row))]),
            },
            ["bookmarks"] = new JsonArray("FB:kcwQhRyDJVkoTFu3K0wMhQHUNQ=="),
        };
        if (transactionId is not null)
        {
            answer["transaction"] = new JsonObject { ["id"] = transactionId, ["expiry"] = "2026-12-01T10:00:30.000Z" };
        }

        return RecordingHandler.Json(answer);
    }
}

/// <summary>
/// Answers the adapter's statements the way a Neo4j holding a small graph would (a park, a district, a chain
/// and their facts), so every operation runs to its end and sends every statement it can.
/// </summary>
public static class ScriptedNeo4j
{
    public static (HttpStatusCode, string) Answer(RecordedRequest request)
    {
        if (request.Method == "DELETE")
        {
            return (HttpStatusCode.OK, """{"data":{"fields":[],"values":[]},"bookmarks":[]}""");
        }

        if (request.Path.EndsWith("/commit", StringComparison.Ordinal))
        {
            return (HttpStatusCode.OK, Typed.Answer([], []));
        }

        var text = request.Statement ?? "";
        var p = request.Parameters ?? [];
        string? Param(string name) => p[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        IEnumerable<string> Keys(string name) => p[name] is JsonArray list ? list.Select(item => item!.GetValue<string>()) : [];
        var none = (HttpStatusCode.Accepted, Typed.Answer([], []));

        if (request.Path.EndsWith("/tx", StringComparison.Ordinal))
        {
            return (HttpStatusCode.Accepted, Typed.Answer(["version"], [[Typed.Int(3)]], "b3f1c0de-7a1e-4c2b-9e59-0d1f5c3a2b10"));
        }

        return text switch
        {
            CypherModel.DataVersion or CypherModel.BumpVersion => (HttpStatusCode.Accepted, Typed.Answer(["version"], [[Typed.Int(3)]])),
            CypherModel.EntitiesByKey => (HttpStatusCode.Accepted, Typed.Answer(["n"], Keys("keys").Where(Exists).Select(key => new JsonNode[] { Entity(key) }))),
            CypherModel.EntityByKey => (HttpStatusCode.Accepted, Typed.Answer(["n"], Exists(Param("key")!) ? [[Entity(Param("key")!)]] : [])),
            CypherModel.FindByName => (HttpStatusCode.Accepted, Typed.Answer(["n"], [[Entity("park-a")]])),
            CypherModel.AllEntities => (HttpStatusCode.Accepted, Typed.Answer(["n"], new[] { "park-a", "d-one", "chain-x" }.Select(key => new JsonNode[] { Entity(key) }))),
            CypherModel.FactsByEntity => (HttpStatusCode.Accepted, Typed.Answer(["f"], Keys("keys").Where(key => key == "park-a").Select(key => new JsonNode[] { LandArea() }))),
            CypherModel.AllFacts => (HttpStatusCode.Accepted, Typed.Answer(["f"], [[LandArea()]])),
            CypherModel.RelationshipsOut or CypherModel.RelationshipsIn or CypherModel.RelationshipsBoth or CypherModel.AllRelationships =>
                (HttpStatusCode.Accepted, Typed.Answer(["from", "type", "to", "sources"], [[Typed.Str("park-a"), Typed.Str("LOCATED_IN"), Typed.Str("d-one"), Typed.Str(Curated)]])),
            CypherModel.RelationshipSources => (HttpStatusCode.Accepted, Typed.Answer(["sources"], Param("type") == "FOCUSES_ON" ? [] : [[Typed.Str(Curated)]])),
            CypherModel.SearchFullText or CypherModel.SearchScan => (HttpStatusCode.Accepted, Typed.Answer(["node", "score"], [[Entity("park-a"), Typed.Float(2.5)]])),
            CypherModel.ListPageAscending or CypherModel.ListPageDescending => (HttpStatusCode.Accepted, Typed.Answer(["total", "page"],
                [[Typed.Int(2), Typed.List([Typed.Map([("node", Entity("park-a")), ("sortName", Typed.Str("甲园")), ("sortNumber", Typed.Float(0))])])]])),
            CypherModel.KnownEntities => (HttpStatusCode.Accepted, Typed.Answer(["key", "kind", "chain"], [[Typed.Str("park-a"), Typed.Str("PARK"), Typed.Str(null)]])),
            CypherModel.Counts => (HttpStatusCode.Accepted, Typed.Answer(["entities", "relationships", "facts", "version"], [[Typed.Int(3), Typed.Int(1), Typed.Int(1), Typed.Int(3)]])),
            CypherModel.CountAttached => (HttpStatusCode.Accepted, Typed.Answer(["facts", "relationships"], [[Typed.Int(1), Typed.Int(1)]])),
            CypherModel.AddKey => (HttpStatusCode.Accepted, Typed.Answer(["created"], [[Typed.Int(1)]])),
            CypherModel.RevokeKey => (HttpStatusCode.Accepted, Typed.Answer(["revoked"], [[Typed.Int(1)]])),
            CypherModel.ListKeys or CypherModel.FindKey => (HttpStatusCode.Accepted, Typed.Answer(["name", "role", "createdAt"],
                [[Typed.Str("analyst-wang"), Typed.Str("editor"), Typed.Str("2026-11-23T20:57:11.0000000+00:00")]])),
            CypherModel.ReadStoredKeys => (HttpStatusCode.Accepted, Typed.Answer(["name", "role", "createdAt", "hash"],
                [[Typed.Str("analyst-wang"), Typed.Str("editor"), Typed.Str("2026-11-23T20:57:11.0000000+00:00"), Typed.Str(FakeHash)]])),
            CypherModel.ReadAuditAfter => (HttpStatusCode.Accepted, Typed.Answer(["a"], [[AuditEntry()]])),
            CypherModel.PlacementsByEnterprise => (HttpStatusCode.Accepted, Typed.Answer(["p"], StoredPlacements().Where(row => Keys("keys").Contains(row.Enterprise)).Select(row => new JsonNode[] { row.Node }))),
            CypherModel.AllPlacements => (HttpStatusCode.Accepted, Typed.Answer(["p"], StoredPlacements().Select(row => new JsonNode[] { row.Node }))),
            CypherModel.PlacementByPair => (HttpStatusCode.Accepted, Typed.Answer(["p"],
                StoredPlacements().Where(row => row.Enterprise == Param("enterprise") && row.Link == Param("link")).Select(row => new JsonNode[] { row.Node }))),
            CypherModel.QueryAudit => (HttpStatusCode.Accepted, Typed.Answer(["total", "page"], [[Typed.Int(1), Typed.List([AuditEntry()])]])),
            _ => none,
        };
    }

    /// <summary>The SHA-256 of "test": a stand-in for a stored key's hash, no real key's.</summary>
    public const string FakeHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private const string Curated = """[{"curated":true,"note":"test"}]""";

    /// <summary>Keys starting with <c>new-</c> name entities the graph does not hold yet.</summary>
    private static bool Exists(string key) => !key.StartsWith("new-", StringComparison.Ordinal);

    public static JsonObject Entity(string key)
    {
        var kind = key.StartsWith("park-", StringComparison.Ordinal) ? EntityKind.Park
            : key.StartsWith("link-", StringComparison.Ordinal) ? EntityKind.ChainLink
            : key.StartsWith("d-", StringComparison.Ordinal) ? EntityKind.District
            : key.StartsWith("chain-", StringComparison.Ordinal) ? EntityKind.IndustryChain : EntityKind.Enterprise;
        return Typed.Node($"4:8f3c1c2e-0000-4000-8000-00000000000a:{key.Length}", ["Entity", kind.ToString()],
        [
            ("key", Typed.Str(key)), ("kind", Typed.Str(kind.ToCode())), ("name", Typed.Str(kind == EntityKind.Park ? "甲园" : key)),
            ("aliases", Typed.List(kind == EntityKind.Park ? [Typed.Str("甲")] : [])), ("tags", Typed.List([])), ("sources", Typed.Str(Curated)),
        ]);
    }

    public static JsonObject LandArea() => Typed.Node("4:8f3c1c2e-0000-4000-8000-00000000000a:90", ["Fact"],
    [
        ("id", Typed.Str("f-land")), ("entity", Typed.Str("park-a")), ("key", Typed.Str("land_area")), ("value", Typed.Str("5.3平方公里")),
        ("number", Typed.Float(5.3)), ("unit", Typed.Str("平方公里")), ("sources", Typed.Str(Curated)),
    ]);

    /// <summary>What the scripted graph holds: a suggestion of ent-b and a confirmation of ent-c.</summary>
    private static IEnumerable<(string Enterprise, string Link, JsonObject Node)> StoredPlacements() =>
    [
        ("ent-b", "link-2", Placement("ent-b", "link-2", "SUGGESTED", 0.6, null, null)),
        ("ent-c", "link-1", Placement("ent-c", "link-1", "CONFIRMED", 0.7, "alice", "2026-11-30T08:00:00.0000000Z")),
    ];

    private static JsonObject Placement(string enterprise, string link, string kind, double score, string? decidedBy, string? decidedAt) =>
        Typed.Node($"4:8f3c1c2e-0000-4000-8000-00000000000a:{300 + enterprise.Length + link.Length}", ["Placement"],
        [
            ("enterprise", Typed.Str(enterprise)), ("link", Typed.Str(link)), ("kind", Typed.Str(kind)), ("score", Typed.Float(score)),
            ("evidence", Typed.Str("[[\"CODE\",\"3983\",0,4],[\"WORD\",\"传感器\",4,3]]")), ("basis", Typed.Str("b1")),
            ("decided_by", Typed.Str(decidedBy)), ("decided_at", Typed.Str(decidedAt)),
        ]);

    private static JsonObject AuditEntry() => Typed.Node("4:8f3c1c2e-0000-4000-8000-00000000000a:200", ["AuditEntry"],
    [
        ("id", Typed.Int(7)), ("at", Typed.Str("2026-11-30T08:00:00.0000000Z")), ("actor", Typed.Str("alice")), ("action", Typed.Str("update fact")),
        ("entity_key", Typed.Str("park-a")), ("field", Typed.Str("fact land_area")), ("before", Typed.Str("5.3平方公里")), ("after", Typed.Str("6平方公里")),
        ("provenance", Typed.Str("""[{"curated":true,"note":"survey"}]""")),
    ]);
}
