namespace IndustryGraph.Storage.Neo4j;

/// <summary>The constraints and indexes the adapter needs (<c>neo4j schema</c> prints them, <c>neo4j init</c> applies them).</summary>
public static class Neo4jSchema
{
    public static IReadOnlyList<string> Statements { get; } =
    [
        "CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE",
        "CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (f:Fact) REQUIRE f.id IS UNIQUE",
        "CREATE CONSTRAINT graph_meta_id IF NOT EXISTS FOR (m:GraphMeta) REQUIRE m.id IS UNIQUE",
        "CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE",
        "CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE",
        "CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT placement_pair IF NOT EXISTS FOR (p:Placement) REQUIRE (p.enterprise, p.link) IS UNIQUE",
        "CREATE INDEX placement_enterprise IF NOT EXISTS FOR (p:Placement) ON (p.enterprise)",
        "CREATE INDEX placement_link IF NOT EXISTS FOR (p:Placement) ON (p.link)",
        "CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
        "CREATE INDEX fact_key IF NOT EXISTS FOR (f:Fact) ON (f.key)",
        "CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at)",
        "CREATE INDEX audit_entry_actor IF NOT EXISTS FOR (a:AuditEntry) ON (a.actor)",
        "CREATE INDEX audit_entry_entity IF NOT EXISTS FOR (a:AuditEntry) ON (a.entity_key)",
        // Chinese names have no spaces: the CJK analyzer indexes character bigrams, so any two-character part of a name or alias matches.
        "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    ];
}
