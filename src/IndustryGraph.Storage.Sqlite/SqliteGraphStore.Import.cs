using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Writes the stream in one immediate transaction, with an audit entry, part by part as the stream's producer
    /// validates the next ones; when the stream throws, the transaction is rolled back. A dry run does all the
    /// work and rolls it back, so its summary is exactly what a real run would change. Progress reports rows
    /// written so far.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(ImportStream data, ImportOptions options, CancellationToken cancellationToken = default)
    {
        await using var connection = ConnectCounted();
        // A bulk load into an empty store writes every page once through a rollback journal (which keeps almost
        // nothing: the pages are new) instead of twice, into the WAL and again at its checkpoint. Still atomic;
        // the store is back in WAL mode after. Only when no other connection has the file open.
        var rollbackJournal = !options.DryRun && data.ExpectedRows >= ImportWriter.BulkRows && IsEmpty(connection) && TrySetJournalMode(connection, "delete");
        options.Trace?.Invoke(rollbackJournal ? "journal: rollback (empty store)" : "journal: wal");
        try
        {
            return await ImportAsync(connection, data, options, cancellationToken);
        }
        finally
        {
            if (rollbackJournal)
            {
                TrySetJournalMode(connection, "wal");
            }
        }
    }

    private static bool IsEmpty(SqliteConnection connection)
    {
        using var command = Command(connection, "SELECT NOT EXISTS (SELECT 1 FROM entity)");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Switches the journal mode if the file allows it at once (no other connection open); never waits for one.</summary>
    private static bool TrySetJournalMode(SqliteConnection connection, string mode)
    {
        var database = connection.Handle!;
        long timeout;
        using (var read = Command(connection, "PRAGMA busy_timeout"))
        {
            timeout = Convert.ToInt64(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        SQLitePCL.raw.sqlite3_busy_timeout(database, 0);
        try
        {
            if (SQLitePCL.raw.sqlite3_prepare_v2(database, $"PRAGMA journal_mode = {mode}", out var statement) != SQLitePCL.raw.SQLITE_OK)
            {
                return false;
            }

            using (statement)
            {
                return SQLitePCL.raw.sqlite3_step(statement) == SQLitePCL.raw.SQLITE_ROW
                    && string.Equals(SQLitePCL.raw.sqlite3_column_text(statement, 0).utf8_to_string(), mode, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            SQLitePCL.raw.sqlite3_busy_timeout(database, (int)timeout);
        }
    }

    private async Task<ImportSummary> ImportAsync(SqliteConnection connection, ImportStream data, ImportOptions options, CancellationToken cancellationToken)
    {
        // A bulk write: a larger page cache; index builds sort through temporary files (see RebuildIndexes), with a
        // helper thread per core.
        Exec(connection, $"PRAGMA cache_size = {BulkCache}; PRAGMA temp_store = FILE; PRAGMA threads = {Math.Min(Environment.ProcessorCount, 4)}");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var before = ReadDataVersion(connection, transaction);
        var writer = new ImportWriter(connection, transaction, options.Progress, options.Trace);
        var summary = await writer.WriteAsync(data, options.Mode, cancellationToken);
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

    // Page cache sizes in KiB (negative, as PRAGMA cache_size takes them): while rows are written, and while an index is sorted.
    private const int BulkCache = -1_048_576;
    private const int SortCache = -16_384;

    private static long BumpDataVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        var version = ReadDataVersion(connection, transaction) + 1;
        using var bump = Command(connection, "UPDATE meta SET value = $version WHERE key = 'data_version'", ("$version", version.ToString(CultureInfo.InvariantCulture)));
        bump.Transaction = transaction;
        bump.ExecuteNonQuery();
        return version;
    }

    /// <summary>The statements of one import, prepared once and run per row.</summary>
    private sealed partial class ImportWriter(SqliteConnection connection, SqliteTransaction transaction, IProgress<long>? progress, Action<string>? trace)
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

        // Of a step that waits for the stream's parts, the time spent writing them (the rest is waiting for validation).
        private readonly System.Diagnostics.Stopwatch writing = new();

        private void Step(string name)
        {
            var busy = writing.Elapsed > TimeSpan.Zero ? $" (writing {writing.Elapsed.TotalSeconds:0.0} s)" : "";
            trace?.Invoke($"{name} {clock.Elapsed.TotalSeconds:0.0} s{busy}");
            clock.Restart();
            writing.Reset();
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

        public async Task<ImportSummary> WriteAsync(ImportStream data, ImportMode mode, CancellationToken cancellationToken)
        {
            LoadEntityIds();
            var bulk = data.ExpectedRows >= BulkRows;
            // Only into an empty store: the deletes and updates of a merge need the indexes row by row.
            var dropped = bulk && entityIds.Count == 0 ? DropSecondaryIndexes() : [];
            Step("prepare");
            await using var parts = new PartReader(data.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken));
            var (added, updated, removed) = await WriteEntitiesAsync(parts, mode, cancellationToken);
            Step("entities");
            // Each table's indexes are rebuilt as soon as its rows are in, while the stream's producer is still
            // validating the rows of the next table.
            RebuildIndexes(dropped, "entity", "entity_name", "entity_tag");
            Step("entity indexes");
            var (relationshipsAdded, relationshipsRemoved) = await WriteRelationshipsAsync(parts, mode, cancellationToken);
            Step("relationships");
            RebuildIndexes(dropped, "relationship");
            Step("relationship indexes");
            var (factsAdded, factsRemoved) = WriteFacts(await parts.FactsAsync(), mode, cancellationToken);
            Step("facts");
            RebuildIndexes(dropped, "fact");
            Step("fact indexes");
            var (placementsAdded, placementsUpdated, placementsRemoved) = await WritePlacementsAsync(parts, mode, cancellationToken);
            Step("placements");
            RebuildIndexes(dropped, "placement");
            Step("placement indexes");
            if (added + removed + updated > 0)
            {
                Exec(connection, "DELETE FROM kind_count; INSERT INTO kind_count (kind, n) SELECT kind, COUNT(*) FROM entity GROUP BY kind", transaction);
                Step("counts");
            }

            progress?.Report(rowsWritten);
            return new ImportSummary(
                added, updated, removed,
                relationshipsAdded, relationshipsRemoved + relationshipsRemovedWithEntities,
                factsAdded, factsRemoved + factsRemovedWithEntities, 0)
            {
                PlacementsAdded = placementsAdded,
                PlacementsUpdated = placementsUpdated,
                PlacementsRemoved = placementsRemoved + placementsRemovedWithEntities,
            };
        }

        private void RebuildIndexes(List<(string Table, string Sql)> dropped, params string[] tables)
        {
            var builds = dropped.Where(index => tables.Contains(index.Table)).ToList();
            if (builds.Count == 0)
            {
                return;
            }

            // SQLite's sorter holds up to the page cache's size in one run before it writes a sorted run to a
            // temporary file: one run of millions of keys in memory sorts at half the speed of runs of 16 MB
            // merged from files (measured on L: relationship_to 6.9 s against 2.6 s), which helper threads also
            // sort side by side. The smaller cache writes out pages the commit would write anyway.
            Exec(connection, $"PRAGMA cache_size = {SortCache}", transaction);
            foreach (var (_, sql) in builds)
            {
                Exec(connection, sql, transaction);
            }

            Exec(connection, $"PRAGMA cache_size = {BulkCache}", transaction);
        }

        /// <summary>
        /// Drops the plain (non-unique) indexes of the graph tables and returns their tables and the SQL that
        /// recreates them: one sorted build after the rows are in is far cheaper than a million random inserts.
        /// Still one transaction, so readers keep their indexes until the commit.
        /// </summary>
        private List<(string Table, string Sql)> DropSecondaryIndexes()
        {
            var indexes = new List<(string Name, string Table, string Sql)>();
            using (var command = Prepare("""
                SELECT name, tbl_name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                  AND tbl_name IN ('entity', 'entity_name', 'entity_tag', 'fact', 'relationship', 'placement')
                """))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            foreach (var (name, _, _) in indexes)
            {
                Exec(connection, $"DROP INDEX \"{name}\"", transaction);
            }

            return indexes.Select(index => (index.Table, index.Sql)).ToList();
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
        // Looked up by instance first (interned provenances hash by their address, not by their strings).
        private readonly Dictionary<SourceRef, string> sourceJson = [];
        private readonly Dictionary<SourceRef, string> sourceJsonByInstance = new(ReferenceEqualityComparer.Instance);

        private string SourcesJson(IReadOnlyList<SourceRef> sources)
        {
            if (sources.Count != 1)
            {
                return StoredJson.Write(sources);
            }

            var source = sources[0];
            if (sourceJsonByInstance.TryGetValue(source, out var json))
            {
                return json;
            }

            if (!sourceJson.TryGetValue(source, out json))
            {
                sourceJson[source] = json = StoredJson.Write(sources);
            }

            if (sourceJsonByInstance.Count < RememberedJson)
            {
                sourceJsonByInstance[source] = json;
            }

            return json;
        }

        // Lists of one item (a tag such as state-owned) repeat across many rows: their JSON is written once each.
        private readonly Dictionary<string, string> singleItemJson = new(StringComparer.Ordinal);

        private string ListJson(IReadOnlyList<string> values)
        {
            if (values.Count != 1)
            {
                return values.Count == 0 ? "[]" : StoredJson.Write(values);
            }

            if (!singleItemJson.TryGetValue(values[0], out var json))
            {
                json = StoredJson.Write(values);
                if (singleItemJson.Count < RememberedJson)
                {
                    singleItemJson[values[0]] = json;
                }
            }

            return json;
        }

        private const int RememberedJson = 100_000;

        private async Task<(int Added, int Updated, int Removed)> WriteEntitiesAsync(PartReader parts, ImportMode mode, CancellationToken cancellationToken)
        {
            using var insert = new BulkStatement(connection,
                "INSERT INTO entity (key, kind, name, aliases, tags, sources, chain_key, segment, position, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            using var update = Prepare(
                "UPDATE entity SET kind = $kind, name = $name, aliases = $aliases, tags = $tags, sources = $sources, chain_key = $chain, segment = $segment, position = $position WHERE id = $id",
                "$kind", "$name", "$aliases", "$tags", "$sources", "$chain", "$segment", "$position", "$id");
            using var names = new NameIndexWriter(connection, transaction);
            int added = 0, updated = 0, removed = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var entities in parts.EntitiesAsync())
            {
                writing.Start();
                foreach (var entity in entities)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Tick();
                    if (mode == ImportMode.Replace)
                    {
                        seen.Add(entity.Key);
                    }

                    if (entityIds.TryGetValue(entity.Key, out var existing))
                    {
                        var columns = Columns(entity);
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
                        // The same columns as Columns(entity), bound without building them: this runs a million times.
                        var id = nextId++;
                        var link = entity.Link;
                        insert.Text(1, entity.Key).Text(2, entity.Kind.ToCode()).Text(3, entity.Name)
                            .Text(4, ListJson(entity.Aliases)).Text(5, ListJson(entity.Tags)).Text(6, SourcesJson(entity.Sources))
                            .Text(7, link?.ChainKey).Text(8, link?.Segment.ToCode());
                        if (link is null)
                        {
                            insert.Null(9);
                        }
                        else
                        {
                            insert.Int(9, link.Position);
                        }

                        insert.Int(10, id).Run();
                        names.Add(id, entity);
                        // A key comes once per dataset, so a new row's fingerprint is never compared.
                        entityIds[entity.Key] = (id, "");
                        added++;
                    }
                }

                writing.Stop();
            }

            if (mode == ImportMode.Replace)
            {
                using var delete = Prepare("DELETE FROM entity WHERE id = $id", "$id");
                using var deleteFacts = Prepare("DELETE FROM fact WHERE entity_id = $id", "$id");
                using var deleteRelationships = Prepare("DELETE FROM relationship WHERE from_id = $id OR to_id = $id", "$id");
                using var deletePlacements = Prepare("DELETE FROM placement WHERE enterprise_id = $id OR link_id = $id", "$id");
                foreach (var key in entityIds.Keys.Where(key => !seen.Contains(key)).ToList())
                {
                    var (id, stored) = entityIds[key];
                    Changes.Add(("import remove entity", key, null, string.Join(' ', stored.Split('\u001f').Take(2)), null));
                    Run(delete, id);
                    factsRemovedWithEntities += Run(deleteFacts, id);
                    relationshipsRemovedWithEntities += Run(deleteRelationships, id);
                    placementsRemovedWithEntities += Run(deletePlacements, id);
                    names.Remove(id);
                    entityIds.Remove(key);
                    removed++;
                }
            }

            return (added, updated, removed);
        }

        private string? lastKey;
        private long lastId;

        /// <summary>The row id of a key; the rows of one entity come together, so the last answer is kept.</summary>
        private long IdOf(string key)
        {
            if (!ReferenceEquals(key, lastKey))
            {
                lastId = entityIds[key].Id;
                lastKey = key;
            }

            return lastId;
        }

        private async Task<(int Added, int Removed)> WriteRelationshipsAsync(PartReader parts, ImportMode mode, CancellationToken cancellationToken)
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

            using var insert = new BulkStatement(connection, "INSERT INTO relationship (from_id, type, to_id, sources) VALUES (?1, ?2, ?3, ?4)");
            using var setSources = Prepare("UPDATE relationship SET sources = $sources WHERE id = $id", "$sources", "$id");
            using var setAddedSources = Prepare(
                "UPDATE relationship SET sources = $sources WHERE from_id = $from AND type = $type AND to_id = $to", "$sources", "$from", "$type", "$to");
            using var delete = Prepare("DELETE FROM relationship WHERE id = $id", "$id");
            int added = 0, removed = 0;
            var seen = new HashSet<(long, string, long)>();
            await foreach (var part in parts.RelationshipsAsync())
            {
                writing.Start();
                foreach (var relationship in part.Relationships)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var edge = (IdOf(relationship.FromKey), relationship.Type, IdOf(relationship.ToKey));
                    // Only a replace removes what the dataset does not mention; a merge need not remember millions of edges.
                    if (mode == ImportMode.Replace)
                    {
                        seen.Add(edge);
                    }

                    if (existing.TryGetValue(edge, out var stored))
                    {
                        UpdateStored(relationship, stored);
                    }
                    else
                    {
                        insert.Int(1, edge.Item1).Text(2, edge.Item2).Int(3, edge.Item3).Text(4, SourcesJson(relationship.Sources)).Run();
                        added++;
                    }

                    Tick();
                }

                // An edge of an earlier part, given again with all its sources: it is in the store already.
                foreach (var relationship in part.MoreSources)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var edge = (IdOf(relationship.FromKey), relationship.Type, IdOf(relationship.ToKey));
                    if (existing.TryGetValue(edge, out var stored))
                    {
                        UpdateStored(relationship, stored);
                    }
                    else
                    {
                        Run(setAddedSources, StoredJson.Write(relationship.Sources), edge.Item1, edge.Item2, edge.Item3);
                    }
                }

                writing.Stop();
            }

            void UpdateStored(Relationship relationship, (long Id, string Sources) stored)
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

        private (int Added, int Removed) WriteFacts(List<Fact> facts, ImportMode mode, CancellationToken cancellationToken)
        {
            var incoming = facts.Select(fact => (Fact: fact, Fingerprint: FactFingerprint(IdOf(fact.EntityKey), fact))).ToList();
            var incomingFingerprints = incoming.Select(item => item.Fingerprint).ToHashSet(StringComparer.Ordinal);
            // Merge replaces the facts of each (entity, key) it brings; replace replaces them all.
            var replacedGroups = incoming.Select(item => (IdOf(item.Fact.EntityKey), item.Fact.Key)).ToHashSet();
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

            using var insert = new BulkStatement(connection,
                "INSERT INTO fact (entity_id, key, value, number, unit, as_of, sources, about) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            var added = 0;
            foreach (var (fact, fingerprint) in incoming)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (existingFingerprints.Add(fingerprint))
                {
                    insert.Int(1, IdOf(fact.EntityKey)).Text(2, fact.Key).Text(3, fact.Value).Real(4, fact.Number).Text(5, fact.Unit).Text(6, fact.AsOf)
                        .Text(7, SourcesJson(fact.Sources)).Text(8, ListJson(fact.About)).Run();
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

    /// <summary>
    /// The parts of an import stream read table by table, in the order the port promises (entities, then
    /// relationships, then facts, then placements); a part that holds rows of the next table is kept for it.
    /// </summary>
    private sealed class PartReader(IAsyncEnumerator<ImportPart> parts) : IAsyncDisposable
    {
        private ImportPart? held;
        private bool ended;

        private async ValueTask<ImportPart?> NextAsync()
        {
            if (held is { } part)
            {
                held = null;
                return part;
            }

            if (ended || !await parts.MoveNextAsync())
            {
                ended = true;
                return null;
            }

            return parts.Current;
        }

        public async IAsyncEnumerable<IReadOnlyList<Entity>> EntitiesAsync()
        {
            while (await NextAsync() is { } part)
            {
                if (part.Entities.Count > 0)
                {
                    yield return part.Entities;
                }

                if (part.Relationships.Count + part.MoreSources.Count + part.Facts.Count + part.Placements.Count + part.SuggestedFor.Count > 0)
                {
                    held = part with { Entities = [] };
                    yield break;
                }
            }
        }

        public async IAsyncEnumerable<ImportPart> RelationshipsAsync()
        {
            while (await NextAsync() is { } part)
            {
                if (part.Entities.Count > 0)
                {
                    throw new InvalidOperationException("the import stream gave entities after relationships");
                }

                if (part.Relationships.Count + part.MoreSources.Count > 0)
                {
                    yield return part;
                }

                if (part.Facts.Count + part.Placements.Count + part.SuggestedFor.Count > 0)
                {
                    held = part with { Relationships = [], MoreSources = [] };
                    yield break;
                }
            }
        }

        /// <summary>Every fact, read up to the first placements (or the stream's end).</summary>
        public async Task<List<Fact>> FactsAsync()
        {
            var facts = new List<Fact>();
            while (await NextAsync() is { } part)
            {
                if (part.Entities.Count + part.Relationships.Count + part.MoreSources.Count > 0)
                {
                    throw new InvalidOperationException("the import stream gave entities or relationships after facts");
                }

                facts.AddRange(part.Facts);
                if (part.Placements.Count + part.SuggestedFor.Count > 0)
                {
                    held = part with { Facts = [] };
                    break;
                }
            }

            return facts;
        }

        /// <summary>The parts with placements, read to the stream's end: a stream that fails throws here, after the last part.</summary>
        public async IAsyncEnumerable<ImportPart> PlacementsAsync()
        {
            while (await NextAsync() is { } part)
            {
                if (part.Entities.Count + part.Relationships.Count + part.MoreSources.Count + part.Facts.Count > 0)
                {
                    throw new InvalidOperationException("the import stream gave entities, relationships or facts after placements");
                }

                yield return part;
            }
        }

        public ValueTask DisposeAsync() => parts.DisposeAsync();
    }

    /// <summary>Keeps the name and tag tables (exact-name lookups, tag filters, the search index's source) in step with an entity.</summary>
    private sealed class NameIndexWriter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        private readonly BulkStatement insertName = new(connection, "INSERT INTO entity_name (entity_id, name) VALUES (?1, ?2)");
        private readonly BulkStatement insertTag = new(connection, "INSERT INTO entity_tag (entity_id, tag) VALUES (?1, ?2)");
        private readonly SqliteCommand remove = Prepare(connection, transaction, """
            DELETE FROM entity_name WHERE entity_id = $id;
            DELETE FROM entity_tag WHERE entity_id = $id;
            """, "$id");

        public void Add(long id, Entity entity)
        {
            insertName.Int(1, id).Text(2, entity.Name).Run();
            if (entity.Aliases.Count > 0)
            {
                foreach (var alias in entity.Aliases.Distinct(StringComparer.OrdinalIgnoreCase).Where(alias => !string.Equals(alias, entity.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    insertName.Int(1, id).Text(2, alias).Run();
                }
            }

            foreach (var tag in entity.Tags)
            {
                insertTag.Int(1, id).Text(2, tag).Run();
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

    /// <summary>
    /// An INSERT run once per row of a bulk load, bound by position through SQLite's C API: the ADO.NET layer's
    /// per-execution parameter lookup by name and string marshalling cost more than SQLite's own work. It runs on
    /// the connection's handle, so inside the import's transaction.
    /// </summary>
    private sealed class BulkStatement : IDisposable
    {
        private readonly SQLitePCL.sqlite3 database;
        private readonly SQLitePCL.sqlite3_stmt statement;
        private byte[] utf8 = new byte[512];

        public BulkStatement(SqliteConnection connection, string sql)
        {
            database = connection.Handle!;
            Check(SQLitePCL.raw.sqlite3_prepare_v2(database, sql, out statement));
        }

        public BulkStatement Text(int index, string? value)
        {
            if (value is null)
            {
                return Null(index);
            }

            if (value.Length == 0)
            {
                // An empty span would bind as NULL.
                Check(SQLitePCL.raw.sqlite3_bind_text(statement, index, ""));
                return this;
            }

            var most = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (most > utf8.Length)
            {
                utf8 = new byte[Math.Max(most, utf8.Length * 2)];
            }

            var length = Encoding.UTF8.GetBytes(value, utf8);
            Check(SQLitePCL.raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, length)));
            return this;
        }

        public BulkStatement Int(int index, long value)
        {
            Check(SQLitePCL.raw.sqlite3_bind_int64(statement, index, value));
            return this;
        }

        public BulkStatement Real(int index, double? value)
        {
            Check(value is { } number ? SQLitePCL.raw.sqlite3_bind_double(statement, index, number) : SQLitePCL.raw.sqlite3_bind_null(statement, index));
            return this;
        }

        public BulkStatement Null(int index)
        {
            Check(SQLitePCL.raw.sqlite3_bind_null(statement, index));
            return this;
        }

        public void Run()
        {
            var result = SQLitePCL.raw.sqlite3_step(statement);
            SQLitePCL.raw.sqlite3_reset(statement);
            if (result != SQLitePCL.raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }
        }

        /// <summary>Runs it and says how many rows it changed.</summary>
        public int RunCounting()
        {
            Run();
            return SQLitePCL.raw.sqlite3_changes(database);
        }

        /// <summary>Runs it; false when a uniqueness constraint refused the row (the statement alone is undone, the transaction goes on).</summary>
        public bool TryRun()
        {
            var result = SQLitePCL.raw.sqlite3_step(statement);
            SQLitePCL.raw.sqlite3_reset(statement);
            if (result == SQLitePCL.raw.SQLITE_DONE)
            {
                return true;
            }

            if ((result & 0xff) == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                return false;
            }

            SqliteException.ThrowExceptionForRC(result, database);
            return false;
        }

        private void Check(int result)
        {
            if (result != SQLitePCL.raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }
        }

        public void Dispose() => statement.Dispose();
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
