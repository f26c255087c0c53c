using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. <c>PRAGMA user_version</c> records how many ran; opening a
/// store runs the rest, each in its own transaction. Never edit a published migration: add one.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('data_version', '0');

        CREATE TABLE entity (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL,
            tags TEXT NOT NULL,
            sources TEXT NOT NULL,
            chain_key TEXT,
            segment TEXT,
            position INTEGER
        );
        CREATE INDEX entity_kind_name ON entity (kind, name, key);

        CREATE TABLE entity_name (entity_id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE);
        CREATE INDEX entity_name_name ON entity_name (name);
        CREATE INDEX entity_name_entity ON entity_name (entity_id);

        CREATE TABLE entity_tag (entity_id INTEGER NOT NULL, tag TEXT NOT NULL);
        CREATE INDEX entity_tag_tag ON entity_tag (tag, entity_id);
        CREATE INDEX entity_tag_entity ON entity_tag (entity_id);

        CREATE TABLE fact (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            number REAL,
            unit TEXT,
            as_of TEXT,
            sources TEXT NOT NULL
        );
        CREATE INDEX fact_entity ON fact (entity_id, key);
        CREATE INDEX fact_key_number ON fact (key, number);

        CREATE TABLE relationship (
            id INTEGER PRIMARY KEY,
            from_id INTEGER NOT NULL,
            type TEXT NOT NULL,
            to_id INTEGER NOT NULL,
            sources TEXT NOT NULL,
            UNIQUE (from_id, type, to_id)
        );
        CREATE INDEX relationship_to ON relationship (to_id, type, from_id);

        -- Two name indexes: trigrams find substrings of 3+ characters (Latin included); single characters
        -- as tokens find 1- and 2-character Chinese substrings as phrases, which trigrams cannot.
        CREATE VIRTUAL TABLE name_trigram USING fts5 (text, tokenize = 'trigram', content = '', contentless_delete = 1);
        CREATE VIRTUAL TABLE name_chars USING fts5 (text, content = '', contentless_delete = 1);
        """,
        """
        -- API keys: only a SHA-256 of each key is kept; the key itself is shown once, at creation.
        CREATE TABLE api_key (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );

        -- Every change: who, when, what (entity and field), before and after, and the provenance given.
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity_key TEXT,
            field TEXT,
            before TEXT,
            after TEXT,
            provenance TEXT
        );
        CREATE INDEX audit_entity ON audit (entity_key, id);
        CREATE INDEX audit_actor ON audit (actor, id);
        CREATE INDEX audit_at ON audit (at, id);
        """,
        """
        -- The keys of the entities a fact is about (a district's count of parks of a chain is about the chain).
        ALTER TABLE fact ADD COLUMN about TEXT NOT NULL DEFAULT '[]';
        """,
        """
        -- Entities per kind, kept by imports and edits: an unfiltered list's totalCount is one row, not a scan.
        CREATE TABLE kind_count (kind TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO kind_count (kind, n) SELECT kind, COUNT(*) FROM entity GROUP BY kind;
        """,
        """
        -- Search ranks from posting lists in memory (NameSearchIndex), built from entity_name: the full-text
        -- indexes cost a third of an import and could not give the best matches without scoring them all.
        DROP TABLE IF EXISTS name_trigram;
        DROP TABLE IF EXISTS name_chars;
        """,
        """
        -- Placement records: an enterprise suggested for (by the register import) or decided into (by a planner) a
        -- chain link, one row per pair. Evidence is compact JSON ([kind, text, start, length] arrays); basis is the
        -- fingerprint of what a suggestion was computed from; decided_at is UTC text like audit.at. Clustered by
        -- enterprise (a batch read by enterprise is a range scan); placement_link serves reads and deletes by link.
        CREATE TABLE placement (
            enterprise_id INTEGER NOT NULL,
            link_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            score REAL,
            evidence TEXT NOT NULL,
            basis TEXT,
            decided_by TEXT,
            decided_at TEXT,
            PRIMARY KEY (enterprise_id, link_id)
        ) WITHOUT ROWID;
        CREATE INDEX placement_link ON placement (link_id, kind);
        """,
    ];

    public static int Latest => Steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        var current = Convert.ToInt32(Execute(connection, "PRAGMA user_version", scalar: true), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Steps.Length)
        {
            throw new InvalidOperationException(
                $"the database has schema version {current}, newer than this program's {Steps.Length}: use a newer IndustryGraph");
        }

        for (var version = current; version < Steps.Length; version++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, Steps[version], transaction: transaction);
            Execute(connection, $"PRAGMA user_version = {version + 1}", transaction: transaction);
            transaction.Commit();
        }
    }

    private static object? Execute(SqliteConnection connection, string sql, bool scalar = false, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }
}
