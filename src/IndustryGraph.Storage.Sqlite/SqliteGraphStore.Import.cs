using System.Globalization;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public Task<ImportSummary> ImportAsync(GraphDataset dataset, ImportMode mode, CancellationToken cancellationToken = default) =>
        ImportAsync(dataset, new ImportOptions(mode), cancellationToken);

    public Task<ImportSummary> ImportAsync(
        GraphDataset dataset, ImportMode mode, bool dryRun, IProgress<long>? progress, CancellationToken cancellationToken = default) =>
        ImportAsync(dataset, new ImportOptions(mode) { DryRun = dryRun, Progress = progress }, cancellationToken);

    /// <summary>
    /// Writes the dataset in one immediate transaction, with an audit entry. A dry run does all the work and
    /// rolls it back, so its summary is exactly what a real run would change. Progress reports rows written so far.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(GraphDataset dataset, ImportOptions options, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        // A bulk write: a larger page cache, and temporary b-trees (sorts, index builds) in memory.
        // threads: the sorter of the index builds at the end may use a helper thread per core.
        Exec(connection, $"PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA threads = {Math.Min(Environment.ProcessorCount, 4)}");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var before = ReadDataVersion(connection, transaction);
        var writer = new ImportWriter(connection, transaction, options.Progress, options.Trace);
        var summary = writer.Write(dataset, options.Mode, cancellationToken);
        var changed = summary with { DataVersion = 0 } != new ImportSummary(0, 0, 0, 0, 0, 0, 0, 0);
        var version = before;
        if (changed)
        {
            version = BumpDataVersion(connection, transaction);
            var at = DateTimeOffset.UtcNow;
            WriteAudit(connection, transaction, at, options.Actor, options.Mode == ImportMode.Replace ? "import --replace" : "import",
                null, options.Origin, $"data version {before}", $"{summary} (data version {version})", null);
            foreach (var (action, key, field, previous, next) in writer.Changes)
            {
                WriteAudit(connection, transaction, at, options.Actor, action, key, field, previous, next, null);
            }
        }

        var commitClock = System.Diagnostics.Stopwatch.StartNew();
        if (options.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await transaction.CommitAsync(cancellationToken);
            // Fresh planner statistics after a bulk change, so filters and orderings pick the selective index
            // (analysis_limit keeps this to a sample: milliseconds even on a million rows).
            Exec(connection, "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002");
        }

        options.Trace?.Invoke($"commit {commitClock.Elapsed.TotalSeconds:0.0} s");

        Exec(connection, "PRAGMA cache_size = -2000");
        return summary with { DataVersion = version };
    }

    private static long BumpDataVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        var version = ReadDataVersion(connection, transaction) + 1;
        using var bump = Command(connection, "UPDATE meta SET value = $version WHERE key = 'data_version'", ("$version", version.ToString(CultureInfo.InvariantCulture)));
        bump.Transaction = transaction;
        bump.ExecuteNonQuery();
        return version;
    }

    /// <summary>The statements of one import, prepared once and run per row.</summary>
    private sealed class ImportWriter(SqliteConnection connection, SqliteTransaction transaction, IProgress<long>? progress, Action<string>? trace)
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

        private void Step(string name)
        {
            trace?.Invoke($"{name} {clock.Elapsed.TotalSeconds:0.0} s");
            clock.Restart();
        }

        private readonly Dictionary<string, (long Id, string Fingerprint)> entityIds = new(StringComparer.Ordinal);
        private long rowsWritten;
        private int factsRemovedWithEntities;
        private int relationshipsRemovedWithEntities;

        private SqliteCommand Prepare(string sql, params string[] parameterNames) => SqliteGraphStore.Prepare(connection, transaction, sql, parameterNames);

        private void Tick()
        {
            if (++rowsWritten % 10_000 == 0)
            {
                progress?.Report(rowsWritten);
            }
        }

        /// <summary>From this many rows on, secondary indexes and name search are built once at the end, not row by row.</summary>
        public const int BulkRows = 50_000;

        private static readonly string[] EntityFields = ["kind", "name", "aliases", "tags", "sources", "chain", "segment", "position"];

        /// <summary>What the import changed in entities that existed: one audit entry per field (additions are counted, not listed).</summary>
        public List<(string Action, string Key, string? Field, string? Before, string? After)> Changes { get; } = [];

        private void RecordUpdate(string key, string storedFingerprint, string[] columns)
        {
            var before = storedFingerprint.Split('\u001f');
            for (var i = 0; i < columns.Length && i < before.Length; i++)
            {
                if (before[i] != columns[i])
                {
                    Changes.Add(("import update entity", key, EntityFields[i], before[i], columns[i]));
                }
            }
        }

        private long nextId;
        private bool bulk;

        public ImportSummary Write(GraphDataset dataset, ImportMode mode, CancellationToken cancellationToken)
        {
            LoadEntityIds();
            bulk = dataset.RowCount >= BulkRows;
            // Only into an empty store: the deletes and updates of a merge need the indexes row by row.
            var dropped = bulk && entityIds.Count == 0 ? DropSecondaryIndexes() : [];
            Step("prepare");
            var (added, updated, removed) = WriteEntities(dataset.Entities, mode, cancellationToken);
            Step("entities");
            var (relationshipsAdded, relationshipsRemoved) = WriteRelationships(dataset.Relationships, mode, cancellationToken);
            Step("relationships");
            var (factsAdded, factsRemoved) = WriteFacts(dataset.Facts, mode, cancellationToken);
            Step("facts");

            foreach (var sql in dropped)
            {
                Exec(connection, sql, transaction);
            }

            Step("indexes");
            if (added + removed + updated > 0)
            {
                Exec(connection, "DELETE FROM kind_count; INSERT INTO kind_count (kind, n) SELECT kind, COUNT(*) FROM entity GROUP BY kind", transaction);
                Step("counts");
            }

            progress?.Report(rowsWritten);
            return new ImportSummary(
                added, updated, removed,
                relationshipsAdded, relationshipsRemoved + relationshipsRemovedWithEntities,
                factsAdded, factsRemoved + factsRemovedWithEntities, 0);
        }

        /// <summary>
        /// Drops the plain (non-unique) indexes of the graph tables and returns the SQL that recreates them: one
        /// sorted build at the end is far cheaper than a million random inserts. Still one transaction, so
        /// readers keep their indexes until the commit.
        /// </summary>
        private List<string> DropSecondaryIndexes()
        {
            var indexes = new List<(string Name, string Sql)>();
            using (var command = Prepare("""
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                  AND tbl_name IN ('entity', 'entity_name', 'entity_tag', 'fact', 'relationship')
                """))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, _) in indexes)
            {
                Exec(connection, $"DROP INDEX \"{name}\"", transaction);
            }

            return indexes.Select(index => index.Sql).ToList();
        }

        private void LoadEntityIds()
        {
            using (var max = Prepare("SELECT coalesce(max(id), 0) + 1 FROM entity"))
            {
                nextId = (long)max.ExecuteScalar()!;
            }

            using var command = Prepare("SELECT id, key, kind, name, aliases, tags, sources, chain_key, segment, position FROM entity");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var fingerprint = string.Join('\u001f', Enumerable.Range(2, 8).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
                entityIds[reader.GetString(1)] = (reader.GetInt64(0), fingerprint);
            }
        }

        private string[] Columns(Entity entity) =>
        [
            entity.Kind.ToCode(), entity.Name, ListJson(entity.Aliases), ListJson(entity.Tags),
            SourcesJson(entity.Sources), entity.Link?.ChainKey ?? "", entity.Link?.Segment.ToCode() ?? "",
            entity.Link?.Position.ToString(CultureInfo.InvariantCulture) ?? "",
        ];

        // Most rows carry one of a few shared provenances (the seed reader interns them) and no aliases or
        // tags: their JSON is written once, not once per row.
        private readonly Dictionary<SourceRef, string> sourceJson = [];

        private string SourcesJson(IReadOnlyList<SourceRef> sources)
        {
            if (sources.Count != 1)
            {
                return StoredJson.Write(sources);
            }

            if (!sourceJson.TryGetValue(sources[0], out var json))
            {
                sourceJson[sources[0]] = json = StoredJson.Write(sources);
            }

            return json;
        }

        private static string ListJson(IReadOnlyList<string> values) => values.Count == 0 ? "[]" : StoredJson.Write(values);

        private (int Added, int Updated, int Removed) WriteEntities(IReadOnlyList<Entity> entities, ImportMode mode, CancellationToken cancellationToken)
        {
            using var insert = Prepare(
                "INSERT INTO entity (key, kind, name, aliases, tags, sources, chain_key, segment, position, id) VALUES ($key, $kind, $name, $aliases, $tags, $sources, $chain, $segment, $position, $id)",
                "$key", "$kind", "$name", "$aliases", "$tags", "$sources", "$chain", "$segment", "$position", "$id");
            using var update = Prepare(
                "UPDATE entity SET kind = $kind, name = $name, aliases = $aliases, tags = $tags, sources = $sources, chain_key = $chain, segment = $segment, position = $position WHERE id = $id",
                "$kind", "$name", "$aliases", "$tags", "$sources", "$chain", "$segment", "$position", "$id");
            using var names = new NameIndexWriter(connection, transaction);
            int added = 0, updated = 0, removed = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entity in entities)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Tick();
                if (mode == ImportMode.Replace)
                {
                    seen.Add(entity.Key);
                }

                var columns = Columns(entity);
                if (entityIds.TryGetValue(entity.Key, out var existing))
                {
                    var fingerprint = string.Join('\u001f', columns);
                    object?[] values = [.. columns.Select(value => value.Length == 0 ? null : (object)value)];
                    if (existing.Fingerprint == fingerprint)
                    {
                        continue;
                    }

                    Run(update, [.. values, existing.Id]);
                    RecordUpdate(entity.Key, existing.Fingerprint, columns);
                    names.Remove(existing.Id);
                    names.Add(existing.Id, entity);
                    entityIds[entity.Key] = (existing.Id, fingerprint);
                    updated++;
                }
                else
                {
                    for (var i = 0; i < columns.Length; i++)
                    {
                        insert.Parameters[i + 1].Value = columns[i].Length == 0 ? DBNull.Value : columns[i];
                    }

                    insert.Parameters[0].Value = entity.Key;
                    var id = nextId++;
                    insert.Parameters[9].Value = id;
                    insert.ExecuteNonQuery();
                    names.Add(id, entity);
                    // A key comes once per dataset, so a new row's fingerprint is never compared.
                    entityIds[entity.Key] = (id, "");
                    added++;
                }
            }

            if (mode == ImportMode.Replace)
            {
                using var delete = Prepare("DELETE FROM entity WHERE id = $id", "$id");
                using var deleteFacts = Prepare("DELETE FROM fact WHERE entity_id = $id", "$id");
                using var deleteRelationships = Prepare("DELETE FROM relationship WHERE from_id = $id OR to_id = $id", "$id");
                foreach (var key in entityIds.Keys.Where(key => !seen.Contains(key)).ToList())
                {
                    var (id, stored) = entityIds[key];
                    Changes.Add(("import remove entity", key, null, string.Join(' ', stored.Split('\u001f').Take(2)), null));
                    Run(delete, id);
                    factsRemovedWithEntities += Run(deleteFacts, id);
                    relationshipsRemovedWithEntities += Run(deleteRelationships, id);
                    names.Remove(id);
                    entityIds.Remove(key);
                    removed++;
                }
            }

            return (added, updated, removed);
        }

        private (int Added, int Removed) WriteRelationships(IReadOnlyList<Relationship> relationships, ImportMode mode, CancellationToken cancellationToken)
        {
            var existing = new Dictionary<(long, string, long), (long Id, string Sources)>();
            using (var load = Prepare("SELECT id, from_id, type, to_id, sources FROM relationship"))
            using (var reader = load.ExecuteReader())
            {
                while (reader.Read())
                {
                    existing[(reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3))] = (reader.GetInt64(0), reader.GetString(4));
                }
            }

            using var insert = Prepare("INSERT INTO relationship (from_id, type, to_id, sources) VALUES ($from, $type, $to, $sources)", "$from", "$type", "$to", "$sources");
            using var setSources = Prepare("UPDATE relationship SET sources = $sources WHERE id = $id", "$sources", "$id");
            using var delete = Prepare("DELETE FROM relationship WHERE id = $id", "$id");
            int added = 0, removed = 0;
            var seen = new HashSet<(long, string, long)>();
            foreach (var relationship in relationships)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var edge = (entityIds[relationship.FromKey].Id, relationship.Type, entityIds[relationship.ToKey].Id);
                // Only a replace removes what the dataset does not mention; a merge need not remember millions of edges.
                if (mode == ImportMode.Replace)
                {
                    seen.Add(edge);
                }

                if (existing.TryGetValue(edge, out var stored))
                {
                    var sources = mode == ImportMode.Merge
                        ? StoredJson.ReadSources(stored.Sources).Union(relationship.Sources).ToList()
                        : relationship.Sources;
                    var json = StoredJson.Write(sources);
                    if (json != stored.Sources)
                    {
                        Run(setSources, json, stored.Id);
                    }
                }
                else
                {
                    Run(insert, edge.Item1, edge.Item2, edge.Item3, SourcesJson(relationship.Sources));
                    added++;
                }

                Tick();
            }

            if (mode == ImportMode.Replace)
            {
                foreach (var (edge, stored) in existing)
                {
                    if (!seen.Contains(edge))
                    {
                        removed += Run(delete, stored.Id);
                    }
                }
            }

            return (added, removed);
        }

        private (int Added, int Removed) WriteFacts(IReadOnlyList<Fact> facts, ImportMode mode, CancellationToken cancellationToken)
        {
            var incoming = facts.Select(fact => (Fact: fact, Fingerprint: FactFingerprint(entityIds[fact.EntityKey].Id, fact))).ToList();
            var incomingFingerprints = incoming.Select(item => item.Fingerprint).ToHashSet(StringComparer.Ordinal);
            // Merge replaces the facts of each (entity, key) it brings; replace replaces them all.
            var replacedGroups = incoming.Select(item => (entityIds[item.Fact.EntityKey].Id, item.Fact.Key)).ToHashSet();
            var existingFingerprints = new HashSet<string>(StringComparer.Ordinal);
            using var delete = Prepare("DELETE FROM fact WHERE id = $id", "$id");
            int removed = 0;
            using (var load = Prepare("SELECT id, entity_id, key, value, number, unit, as_of, sources, about FROM fact"))
            using (var reader = load.ExecuteReader())
            {
                var doomed = new List<long>();
                while (reader.Read())
                {
                    var entityId = reader.GetInt64(1);
                    var fact = new Fact("", reader.GetString(2), reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), StoredJson.ReadSources(reader.GetString(7)))
                    { About = StoredJson.ReadStrings(reader.GetString(8)) };
                    var fingerprint = FactFingerprint(entityId, fact);
                    var inScope = mode == ImportMode.Replace || replacedGroups.Contains((entityId, fact.Key));
                    if (inScope && !incomingFingerprints.Contains(fingerprint))
                    {
                        doomed.Add(reader.GetInt64(0));
                    }
                    else
                    {
                        existingFingerprints.Add(fingerprint);
                    }
                }

                reader.Close();
                foreach (var id in doomed)
                {
                    removed += Run(delete, id);
                }
            }

            using var insert = Prepare(
                "INSERT INTO fact (entity_id, key, value, number, unit, as_of, sources, about) VALUES ($entity, $key, $value, $number, $unit, $asOf, $sources, $about)",
                "$entity", "$key", "$value", "$number", "$unit", "$asOf", "$sources", "$about");
            var added = 0;
            foreach (var (fact, fingerprint) in incoming)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (existingFingerprints.Add(fingerprint))
                {
                    Run(insert, entityIds[fact.EntityKey].Id, fact.Key, fact.Value, fact.Number, fact.Unit, fact.AsOf, SourcesJson(fact.Sources), StoredJson.Write(fact.About));
                    added++;
                }

                Tick();
            }

            return (added, removed);
        }

        private string FactFingerprint(long entityId, Fact fact) => string.Join('\u001f',
            entityId.ToString(CultureInfo.InvariantCulture), fact.Key, fact.Value,
            fact.Number?.ToString("R", CultureInfo.InvariantCulture) ?? "", fact.Unit ?? "", fact.AsOf ?? "", SourcesJson(fact.Sources), string.Join('|', fact.About));
    }

    /// <summary>Keeps the name and tag tables (exact-name lookups, tag filters, the search index's source) in step with an entity.</summary>
    private sealed class NameIndexWriter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        private readonly SqliteCommand insertName = Prepare(connection, transaction, "INSERT INTO entity_name (entity_id, name) VALUES ($id, $name)", "$id", "$name");
        private readonly SqliteCommand insertTag = Prepare(connection, transaction, "INSERT INTO entity_tag (entity_id, tag) VALUES ($id, $tag)", "$id", "$tag");
        private readonly SqliteCommand remove = Prepare(connection, transaction, """
            DELETE FROM entity_name WHERE entity_id = $id;
            DELETE FROM entity_tag WHERE entity_id = $id;
            """, "$id");

        public void Add(long id, Entity entity)
        {
            Run(insertName, id, entity.Name);
            if (entity.Aliases.Count > 0)
            {
                foreach (var alias in entity.Aliases.Distinct(StringComparer.OrdinalIgnoreCase).Where(alias => !string.Equals(alias, entity.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    Run(insertName, id, alias);
                }
            }

            foreach (var tag in entity.Tags)
            {
                Run(insertTag, id, tag);
            }
        }

        public void Remove(long id) => Run(remove, id);

        public void Dispose()
        {
            insertName.Dispose();
            insertTag.Dispose();
            remove.Dispose();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static int Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQuery();
    }
}
