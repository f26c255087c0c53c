using System.Globalization;
using System.Text.Json;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Storage.Neo4j;

/// <summary>
/// The one Cypher model of the graph, used by the adapter and by <c>export --format cypher</c>:
/// <list type="bullet">
/// <item>an entity is a node labelled <c>Entity</c> and its kind (<c>:Entity:Park</c>) with <c>key</c>, <c>kind</c>,
/// <c>name</c>, <c>aliases</c>, <c>tags</c>, <c>sources</c> and, for chain links, <c>chain</c>, <c>segment</c>, <c>position</c>;</item>
/// <item>a fact is a <c>Fact</c> node (<c>id</c>, <c>entity</c>, <c>key</c>, <c>value</c>, <c>number</c>, <c>unit</c>,
/// <c>as_of</c>, <c>sources</c>, <c>about</c>: the keys of the entities it is about) that its entity points to with <c>HAS_FACT</c>;</item>
/// <item>a relationship is a Neo4j relationship of its type with <c>sources</c>;</item>
/// <item><c>sources</c> is the provenance list as JSON text (<c>[{"document":"a.txt","paragraph":3}]</c>,
/// <c>[{"curated":true,"note":"…"}]</c>): Neo4j properties cannot hold maps, and this keeps every field of every
/// source, which the earlier "a.txt ¶3" strings did not;</item>
/// <item>a placement record (an enterprise suggested for, confirmed in or rejected from a chain link) is a
/// <c>Placement</c> node, one per pair, unique on (<c>enterprise</c>, <c>link</c>): the two entities' keys, with
/// <c>kind</c>, <c>score</c>, <c>evidence</c> (compact JSON, <see cref="Domain.Placements.PlacementEvidenceJson"/>),
/// <c>basis</c>, <c>decided_by</c> and <c>decided_at</c>. A node of its own rather than a relationship between the two
/// entities, so that it never shows among the graph's relationships (reads, counts, the analysis); removing an entity
/// removes its placements by key;</item>
/// <item>the data version and audit sequence live on the one <c>GraphMeta</c> node; API keys are <c>ApiKey</c>
/// nodes and the audit trail <c>AuditEntry</c> nodes.</item>
/// </list>
/// Every statement is a constant (labels and relationship types come from the closed lists below); every value
/// is a parameter.
/// </summary>
public static class CypherModel
{
    public const string MetaId = "graph";

    public static IReadOnlyList<string> KindLabels { get; } = [.. Enum.GetValues<EntityKind>().Select(kind => kind.ToString())];

    public static IReadOnlyList<string> Labels { get; } = ["Entity", .. KindLabels, "Fact", "Placement", "GraphMeta", "ApiKey", "AuditEntry"];

    public static IReadOnlyList<string> RelationshipTypeNames { get; } = [.. RelationshipTypes.All, "HAS_FACT"];

    public static IReadOnlyList<string> PropertyKeys { get; } =
    [
        "key", "kind", "name", "aliases", "tags", "sources", "chain", "segment", "position",
        "id", "entity", "value", "number", "unit", "as_of", "about",
        "enterprise", "link", "score", "evidence", "basis", "decided_by", "decided_at",
        "data_version", "audit_seq", "lock",
        "role", "hash", "created_at",
        "at", "actor", "action", "entity_key", "field", "before", "after", "provenance",
    ];

    /// <summary>Keys of the row maps sent as parameters that are not stored properties (read as <c>row.from</c>).</summary>
    public static IReadOnlyList<string> RowKeys { get; } = ["from", "to", "type"];

    // Reads.
    public const string DataVersion = "OPTIONAL MATCH (m:GraphMeta {id: $meta}) RETURN coalesce(m.data_version, 0) AS version";

    public const string EntitiesByKey = "MATCH (n:Entity) WHERE n.key IN $keys RETURN n";

    public const string FactsByEntity = "MATCH (n:Entity)-[:HAS_FACT]->(f:Fact) WHERE n.key IN $keys RETURN f";

    public const string RelationshipsOut = """
        MATCH (a:Entity)-[r]->(b:Entity) WHERE a.key IN $keys AND ($types IS NULL OR type(r) IN $types)
        RETURN a.key AS from, type(r) AS type, b.key AS to, r.sources AS sources
        """;

    public const string RelationshipsIn = """
        MATCH (a:Entity)-[r]->(b:Entity) WHERE b.key IN $keys AND ($types IS NULL OR type(r) IN $types)
        RETURN a.key AS from, type(r) AS type, b.key AS to, r.sources AS sources
        """;

    public const string RelationshipsBoth = """
        MATCH (a:Entity)-[r]->(b:Entity) WHERE (a.key IN $keys OR b.key IN $keys) AND ($types IS NULL OR type(r) IN $types)
        RETURN a.key AS from, type(r) AS type, b.key AS to, r.sources AS sources
        """;

    public const string FindByName = """
        MATCH (n:Entity) WHERE ($kind IS NULL OR n.kind = $kind)
          AND (n.key = $text OR toLower(n.name) = toLower($text) OR any(alias IN n.aliases WHERE toLower(alias) = toLower($text)))
        RETURN n ORDER BY CASE WHEN n.key = $text THEN 0 ELSE 1 END, n.name, n.key
        """;

    /// <summary>Full-text (CJK bigrams) for two characters or more, then kept to real substrings and scored like the embedded store: exact, prefix, inside.</summary>
    public const string SearchFullText = """
        CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
        WHERE ($kinds IS NULL OR node.kind IN $kinds)
          AND (toLower(node.name) CONTAINS toLower($text) OR any(alias IN node.aliases WHERE toLower(alias) CONTAINS toLower($text)))
        WITH node, score, CASE WHEN toLower(node.name) = toLower($text) OR any(alias IN node.aliases WHERE toLower(alias) = toLower($text)) THEN 3.0
          WHEN toLower(node.name) STARTS WITH toLower($text) THEN 2.0 ELSE 1.0 END AS rank
        RETURN node, rank + score / (score + 1.0) AS score ORDER BY score DESC, size(node.name), node.key LIMIT $first
        """;

    /// <summary>One character (which CJK bigrams cannot match): a scan of names and aliases.</summary>
    public const string SearchScan = """
        MATCH (node:Entity)
        WHERE ($kinds IS NULL OR node.kind IN $kinds)
          AND (toLower(node.name) CONTAINS toLower($text) OR any(alias IN node.aliases WHERE toLower(alias) CONTAINS toLower($text)))
        WITH node, CASE WHEN toLower(node.name) = toLower($text) OR any(alias IN node.aliases WHERE toLower(alias) = toLower($text)) THEN 3.0
          WHEN toLower(node.name) STARTS WITH toLower($text) THEN 2.0 ELSE 1.0 END AS score
        RETURN node, score ORDER BY score DESC, size(node.name), node.key LIMIT $first
        """;

    private const string ListFilter = """
        n.kind = $kind
          AND ($district IS NULL OR EXISTS { MATCH (n)-[:LOCATED_IN]->(:Entity {key: $district}) } OR EXISTS { MATCH (n)-[:LOCATED_IN]->(:Entity)-[:LOCATED_IN]->(:Entity {key: $district}) })
          AND ($park IS NULL OR EXISTS { MATCH (n)-[:LOCATED_IN]->(:Entity {key: $park}) })
          AND ($chain IS NULL
            OR EXISTS { MATCH (n)-[:IN_CHAIN|LEADS|FOCUSES_ON|TARGETS|SUPPORTS|PART_OF]->(:Entity {key: $chain}) }
            OR EXISTS { MATCH (n)-[:WORKS_IN|SUPPORTS]->(:Entity)-[:PART_OF]->(:Entity {key: $chain}) }
            OR ($isPlace AND EXISTS { MATCH (n)<-[:LOCATED_IN*1..2]-(member:Entity)
              WHERE EXISTS { MATCH (member)-[:IN_CHAIN|LEADS|FOCUSES_ON|TARGETS|SUPPORTS|PART_OF]->(:Entity {key: $chain}) }
                 OR EXISTS { MATCH (member)-[:WORKS_IN|SUPPORTS]->(:Entity)-[:PART_OF]->(:Entity {key: $chain}) } }))
          AND ($link IS NULL
            OR EXISTS { MATCH (n)-[:WORKS_IN|SUPPORTS]->(:Entity {key: $link}) }
            OR ($isPlace AND EXISTS { MATCH (n)<-[:LOCATED_IN*1..2]-(:Entity)-[:WORKS_IN|SUPPORTS]->(:Entity {key: $link}) }))
          AND ($tag IS NULL OR $tag IN n.tags)
          AND ($withFactKey IS NULL OR EXISTS { MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.key = $withFactKey AND f.value = $withFactValue AND size(coalesce(f.about, [])) = 0 })
          AND ($contains IS NULL OR toLower(n.name) CONTAINS toLower($contains) OR any(alias IN n.aliases WHERE toLower(alias) CONTAINS toLower($contains)))
        """;

    private const string ListSort = """
        WITH n, CASE WHEN $factKey IS NULL THEN n.name ELSE '' END AS sortName,
          CASE WHEN $factKey IS NULL THEN 0.0 ELSE coalesce(head(COLLECT { MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.key = $factKey AND f.number IS NOT NULL RETURN f.number ORDER BY f.number DESC LIMIT 1 }), -1.0E308) END AS sortNumber
        WITH n, sortName, sortNumber,
          sortNumber > $afterNumber OR (sortNumber = $afterNumber AND (sortName > $afterName OR (sortName = $afterName AND n.key > $afterKey))) AS pastAfter,
          sortNumber > $beforeNumber OR (sortNumber = $beforeNumber AND (sortName > $beforeName OR (sortName = $beforeName AND n.key > $beforeKey))) AS pastBefore
        WHERE ($afterKey IS NULL OR (CASE WHEN $descending THEN NOT pastAfter AND n.key <> $afterKey ELSE pastAfter END))
          AND ($beforeKey IS NULL OR (CASE WHEN $descending THEN pastBefore ELSE NOT pastBefore AND n.key <> $beforeKey END))
        """;

    /// <summary>A page of a filtered list and the list's total, in one statement; ascending or descending by (figure, name, key).</summary>
    public static string ListPage(bool descending) => descending ? ListPageDescending : ListPageAscending;

    public const string ListPageAscending = "RETURN COUNT { MATCH (n:Entity) WHERE " + ListFilter + " } AS total,\n  COLLECT { MATCH (n:Entity) WHERE " + ListFilter + ListSort +
        " WITH n, sortName, sortNumber ORDER BY sortNumber ASC, sortName ASC, n.key ASC LIMIT $limit RETURN {node: n, sortName: sortName, sortNumber: sortNumber} } AS page";

    public const string ListPageDescending = "RETURN COUNT { MATCH (n:Entity) WHERE " + ListFilter + " } AS total,\n  COLLECT { MATCH (n:Entity) WHERE " + ListFilter + ListSort +
        " WITH n, sortName, sortNumber ORDER BY sortNumber DESC, sortName DESC, n.key DESC LIMIT $limit RETURN {node: n, sortName: sortName, sortNumber: sortNumber} } AS page";

    public const string AllEntities = "MATCH (n:Entity) RETURN n ORDER BY n.key";

    public const string AllFacts = "MATCH (f:Fact) RETURN f";

    public const string AllRelationships = "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.key AS from, type(r) AS type, b.key AS to, r.sources AS sources";

    public const string AllPlacements = "MATCH (p:Placement) RETURN p";

    public const string PlacementsByEnterprise = "MATCH (p:Placement) WHERE p.enterprise IN $keys RETURN p";

    public const string KnownEntities = "MATCH (n:Entity) RETURN n.key AS key, n.kind AS kind, n.chain AS chain";

    public const string Counts = """
        OPTIONAL MATCH (m:GraphMeta {id: $meta})
        RETURN COUNT { MATCH (:Entity) } AS entities, COUNT { MATCH (:Entity)-[r]->(:Entity) } AS relationships, COUNT { MATCH (:Fact) } AS facts,
          coalesce(m.data_version, 0) AS version
        """;

    // Writes: each inside one explicit transaction that begins with Lock.
    /// <summary>Takes the graph's write lock (writers run one at a time, as on the embedded store) and reads the version.</summary>
    public const string Lock = """
        MERGE (m:GraphMeta {id: $meta}) ON CREATE SET m.data_version = 0, m.audit_seq = 0
        SET m.lock = coalesce(m.lock, 0) + 1
        RETURN m.data_version AS version
        """;

    public const string BumpVersion = "MATCH (m:GraphMeta {id: $meta}) SET m.data_version = m.data_version + 1 RETURN m.data_version AS version";

    /// <summary>Upserts entities of one kind: label, and every property (absent ones removed).</summary>
    public static string WriteEntities(EntityKind kind) => WriteEntitiesByLabel[kind];

    private static readonly Dictionary<EntityKind, string> WriteEntitiesByLabel = Enum.GetValues<EntityKind>().ToDictionary(kind => kind, kind =>
        $"UNWIND $rows AS row MERGE (n:Entity {{key: row.key}}) SET n = row REMOVE n:{string.Join(':', KindLabels)} SET n:{kind}");

    public const string RemoveEntities = """
        UNWIND $keys AS key MATCH (n:Entity {key: key})
        OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact)
        DETACH DELETE f, n
        """;

    /// <summary>Upserts relationships of one type with their (final) sources.</summary>
    public static string WriteRelationships(string type) => RelationshipTypes.IsKnown(type)
        ? WriteRelationshipsByType[type]
        : throw new ArgumentException($"unknown relationship type '{type}'", nameof(type));

    private static readonly Dictionary<string, string> WriteRelationshipsByType = RelationshipTypes.All.ToDictionary(type => type, type =>
        $"UNWIND $rows AS row MATCH (a:Entity {{key: row.from}}) WITH row, a MATCH (b:Entity {{key: row.to}}) MERGE (a)-[r:{type}]->(b) SET r.sources = row.sources", StringComparer.Ordinal);

    public const string RemoveRelationships = "UNWIND $rows AS row MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to}) WHERE type(r) = row.type DELETE r";

    public const string AddFacts = """
        UNWIND $rows AS row MATCH (n:Entity {key: row.entity})
        MERGE (f:Fact {id: row.id}) SET f = row
        MERGE (n)-[:HAS_FACT]->(f)
        """;

    public const string RemoveFacts = "UNWIND $ids AS id MATCH (f:Fact {id: id}) DETACH DELETE f";

    /// <summary>Upserts placement records by (enterprise, link): every property (absent ones removed).</summary>
    public const string WritePlacements = "UNWIND $rows AS row MERGE (p:Placement {enterprise: row.enterprise, link: row.link}) SET p = row";

    public const string RemovePlacements = "UNWIND $rows AS row MATCH (p:Placement {enterprise: row.enterprise, link: row.link}) DELETE p";

    /// <summary>The placements of entities about to be removed (as enterprise or as link); runs before <see cref="RemoveEntities"/>.</summary>
    public const string RemovePlacementsOfEntities = "MATCH (p:Placement) WHERE p.enterprise IN $keys OR p.link IN $keys DELETE p";

    public const string RemoveEverything = "MATCH (n) WHERE n:Entity OR n:Fact OR n:Placement OR n:GraphMeta OR n:ApiKey OR n:AuditEntry DETACH DELETE n";

    public const string WriteAudit = """
        MATCH (m:GraphMeta {id: $meta})
        SET m.audit_seq = coalesce(m.audit_seq, 0) + size($entries)
        WITH m.audit_seq - size($entries) AS base
        UNWIND range(0, size($entries) - 1) AS i
        WITH base + i + 1 AS id, $entries[i] AS entry
        CREATE (a:AuditEntry) SET a = entry, a.id = id
        """;

    // Edits read inside their transaction.
    public const string EntityByKey = "MATCH (n:Entity {key: $key}) RETURN n";

    public const string PlacementByPair = "MATCH (p:Placement {enterprise: $enterprise, link: $link}) RETURN p";

    public const string RelationshipSources = "MATCH (:Entity {key: $from})-[r]->(:Entity {key: $to}) WHERE type(r) = $type RETURN r.sources AS sources";

    public const string CountAttached = """
        MATCH (n:Entity {key: $key})
        RETURN COUNT { MATCH (n)-[:HAS_FACT]->(:Fact) } AS facts, COUNT { MATCH (n)-[r]-(:Entity) } AS relationships
        """;

    // API keys.
    public const string AddKey = """
        OPTIONAL MATCH (existing:ApiKey {name: $name})
        WITH existing WHERE existing IS NULL
        CREATE (k:ApiKey {name: $name, role: $role, hash: $hash, created_at: $at})
        RETURN count(k) AS created
        """;

    public const string RevokeKey = "MATCH (k:ApiKey {name: $name}) DELETE k RETURN count(*) AS revoked";

    public const string ListKeys = "MATCH (k:ApiKey) RETURN k.name AS name, k.role AS role, k.created_at AS createdAt ORDER BY name";

    public const string FindKey = "MATCH (k:ApiKey {hash: $hash}) RETURN k.name AS name, k.role AS role, k.created_at AS createdAt";

    public const string ReadStoredKeys = "MATCH (k:ApiKey) RETURN k.name AS name, k.role AS role, k.created_at AS createdAt, k.hash AS hash ORDER BY name";

    /// <summary>Keys as they are, by name (<c>migrate</c>): running it again changes nothing.</summary>
    public const string WriteStoredKeys = """
        UNWIND $keys AS key
        MERGE (k:ApiKey {name: key.name})
        SET k.role = key.role, k.hash = key.hash, k.created_at = key.created_at
        """;

    // The audit trail.
    public const string ReadAuditAfter = "MATCH (a:AuditEntry) WHERE a.id > $afterId RETURN a ORDER BY a.id LIMIT $limit";

    /// <summary>
    /// Entries as they are, by id (<c>migrate</c>): an id already held is left alone, and the sequence moves past
    /// the largest id so that later entries never reuse one.
    /// </summary>
    public const string WriteAuditAsIs = """
        UNWIND $entries AS entry
        MERGE (a:AuditEntry {id: entry.id})
        ON CREATE SET a += entry
        WITH max(entry.id) AS top
        MATCH (m:GraphMeta {id: $meta})
        SET m.audit_seq = CASE WHEN m.audit_seq < top THEN top ELSE m.audit_seq END
        """;

    private const string AuditFilter = """
        ($entity IS NULL OR a.entity_key = $entity) AND ($actor IS NULL OR a.actor = $actor)
          AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at < $to)
        """;

    public const string QueryAudit = "RETURN COUNT { MATCH (a:AuditEntry) WHERE " + AuditFilter + " } AS total,\n  COLLECT { MATCH (a:AuditEntry) WHERE " + AuditFilter +
        " AND ($afterId IS NULL OR a.id < $afterId) WITH a ORDER BY a.id DESC LIMIT $limit RETURN a } AS page";

    // Parameters: the same for the adapter and the export.
    public static Dictionary<string, object?> EntityRow(Entity entity) => new(StringComparer.Ordinal)
    {
        ["key"] = entity.Key,
        ["kind"] = entity.Kind.ToCode(),
        ["name"] = entity.Name,
        ["aliases"] = entity.Aliases.ToArray(),
        ["tags"] = entity.Tags.ToArray(),
        ["sources"] = SourcesJson(entity.Sources),
        ["chain"] = entity.Link?.ChainKey,
        ["segment"] = entity.Link?.Segment.ToCode(),
        ["position"] = entity.Link is { } link ? (long)link.Position : null,
    };

    public static Dictionary<string, object?> FactRow(Fact fact) => new(StringComparer.Ordinal)
    {
        ["id"] = FactId(fact),
        ["entity"] = fact.EntityKey,
        ["key"] = fact.Key,
        ["value"] = fact.Value,
        ["number"] = fact.Number,
        ["unit"] = fact.Unit,
        ["as_of"] = fact.AsOf,
        ["sources"] = SourcesJson(fact.Sources),
        ["about"] = fact.About.ToArray(),
    };

    public static Dictionary<string, object?> PlacementRow(Domain.Placements.PlacementRecord record) => new(StringComparer.Ordinal)
    {
        ["enterprise"] = record.EnterpriseKey,
        ["link"] = record.LinkKey,
        ["kind"] = Domain.Placements.PlacementKindNames.ToCode(record.Kind),
        ["score"] = record.Score,
        ["evidence"] = Domain.Placements.PlacementEvidenceJson.Write(record.Evidence),
        ["basis"] = record.Basis,
        ["decided_by"] = record.DecidedBy,
        ["decided_at"] = record.DecidedAt is { } at ? Domain.Placements.PlacementRecords.FormatTime(at) : null,
    };

    /// <summary>A record's pair alone: what <see cref="RemovePlacements"/> needs.</summary>
    public static Dictionary<string, object?> PlacementPair(Domain.Placements.PlacementRecord record) => new(StringComparer.Ordinal)
    {
        ["enterprise"] = record.EnterpriseKey,
        ["link"] = record.LinkKey,
    };

    public static Domain.Placements.PlacementRecord ReadPlacement(GraphNode node)
    {
        var p = node.Properties;
        string? Text(string key) => p.TryGetValue(key, out var value) ? value as string : null;
        Domain.Placements.PlacementKindNames.TryParse(Text("kind") ?? "", out var kind);
        double? score = p.TryGetValue("score", out var value) ? value switch { double d => d, long l => l, _ => null } : null;
        return new Domain.Placements.PlacementRecord(Text("enterprise") ?? "", Text("link") ?? "", kind, score,
            Domain.Placements.PlacementEvidenceJson.ReadLazily(Text("evidence") ?? ""))
        {
            Basis = Text("basis"),
            DecidedBy = Text("decided_by"),
            DecidedAt = Text("decided_at") is { } at ? Domain.Placements.PlacementRecords.ParseTime(at) : null,
        };
    }

    public static Dictionary<string, object?> RelationshipRow(Relationship edge) => new(StringComparer.Ordinal)
    {
        ["from"] = edge.FromKey,
        ["to"] = edge.ToKey,
        ["type"] = edge.Type,
        ["sources"] = SourcesJson(edge.Sources),
    };

    /// <summary>A stable id from the whole fact (facts have no key of their own): SHA-256 of its fingerprint, hex.</summary>
    public static string FactId(Fact fact) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Domain.Store.ImportPlan.Fingerprint(fact))))[..32];

    public static string SourcesJson(IReadOnlyList<SourceRef> sources)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var source in sources)
            {
                writer.WriteStartObject();
                if (source.Document is { } document)
                {
                    writer.WriteString("document", document);
                }

                if (source.Paragraph is { } paragraph)
                {
                    writer.WriteNumber("paragraph", paragraph);
                }

                if (source.Curated)
                {
                    writer.WriteBoolean("curated", true);
                }

                if (source.Note is { } note)
                {
                    writer.WriteString("note", note);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<SourceRef> ReadSources(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(source => new SourceRef(
            source.TryGetProperty("document", out var d) ? d.GetString() : null,
            source.TryGetProperty("paragraph", out var p) ? p.GetInt32() : null,
            source.TryGetProperty("curated", out var c) && c.GetBoolean(),
            source.TryGetProperty("note", out var n) ? n.GetString() : null))];
    }

    public static Entity ReadEntity(GraphNode node)
    {
        var p = node.Properties;
        string? Text(string key) => p.TryGetValue(key, out var value) ? value as string : null;
        IReadOnlyList<string> Strings(string key) => p.TryGetValue(key, out var value) && value is List<object?> list ? [.. list.OfType<string>()] : [];
        EntityKindNames.TryParse(Text("kind") ?? "", out var kind);
        ChainLinkPlacement? link = Text("chain") is { } chain && EntityKindNames.TryParseSegment(Text("segment") ?? "", out var segment)
            ? new ChainLinkPlacement(chain, segment, p.TryGetValue("position", out var position) && position is long at ? (int)at : 0)
            : null;
        return new Entity(Text("key") ?? "", kind, Text("name") ?? "", Strings("aliases"), Strings("tags"), ReadSources(Text("sources")), link);
    }

    public static Fact ReadFact(GraphNode node)
    {
        var p = node.Properties;
        string? Text(string key) => p.TryGetValue(key, out var value) ? value as string : null;
        double? number = p.TryGetValue("number", out var value) ? value switch { double d => d, long l => l, _ => null } : null;
        IReadOnlyList<string> about = p.TryGetValue("about", out var list) && list is List<object?> keys ? [.. keys.OfType<string>()] : [];
        return new Fact(Text("entity") ?? "", Text("key") ?? "", Text("value") ?? "", number, Text("unit"), Text("as_of"), ReadSources(Text("sources"))) { About = about };
    }

    public static Relationship ReadRelationship(IReadOnlyDictionary<string, object?> record) =>
        new((string)record["from"]!, (string)record["type"]!, (string)record["to"]!, ReadSources(record["sources"] as string));

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
