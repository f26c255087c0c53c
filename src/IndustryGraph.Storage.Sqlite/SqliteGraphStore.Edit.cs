using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>Single edits: the rules are <see cref="GraphEdits"/>'s; this adapter gives them an <see cref="IEditSession"/> on one transaction.</summary>
public sealed partial class SqliteGraphStore : TransactionalGraphEditor
{
    /// <summary>One edit in one immediate transaction, with its audit entries and a new data version, or nothing.</summary>
    protected override async Task<T> EditAsync<T>(EditContext context, Func<IEditSession, EditAudit, Task<T>> edit, CancellationToken cancellationToken)
    {
        await using var connection = ConnectCounted();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var session = new EditSession(connection, transaction);
        var audit = new EditAudit();
        var result = await edit(session, audit);
        session.Finish(audit, context);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The statements of one edit, sharing its connection and transaction.</summary>
    private sealed partial class EditSession(SqliteConnection connection, SqliteTransaction transaction) : IEditSession
    {
        private readonly Dictionary<string, long> entityIds = new(StringComparer.Ordinal);
        private readonly Dictionary<Fact, long> factIds = new(ReferenceEqualityComparer.Instance);

        private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
        {
            var command = SqliteGraphStore.Command(connection, sql, parameters);
            command.Transaction = transaction;
            return command;
        }

        private int Execute(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }

        private long IdOf(string key)
        {
            if (!entityIds.TryGetValue(key, out var id))
            {
                using var command = Command("SELECT id FROM entity WHERE key = $key", ("$key", key));
                entityIds[key] = id = (long)command.ExecuteScalar()!;
            }

            return id;
        }

        public Task<Entity?> FindEntityAsync(string key)
        {
            using var command = Command($"SELECT {EntityColumns} FROM entity e WHERE e.key = $key", ("$key", key));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return Task.FromResult<Entity?>(null);
            }

            entityIds[key] = reader.GetInt64(0);
            return Task.FromResult<Entity?>(ReadEntity(reader));
        }

        public Task InsertEntityAsync(Entity entity)
        {
            using var command = Command(
                "INSERT INTO entity (key, kind, name, aliases, tags, sources, chain_key, segment, position) VALUES ($key, $kind, $name, $aliases, $tags, $sources, $chain, $segment, $position) RETURNING id",
                ("$key", entity.Key), ("$kind", entity.Kind.ToCode()), ("$name", entity.Name), ("$aliases", StoredJson.Write(entity.Aliases)),
                ("$tags", StoredJson.Write(entity.Tags)), ("$sources", StoredJson.Write(entity.Sources)), ("$chain", entity.Link?.ChainKey),
                ("$segment", entity.Link?.Segment.ToCode()), ("$position", entity.Link?.Position));
            var id = (long)command.ExecuteScalar()!;
            entityIds[entity.Key] = id;
            Execute("INSERT INTO kind_count (kind, n) VALUES ($kind, 1) ON CONFLICT (kind) DO UPDATE SET n = n + 1", ("$kind", entity.Kind.ToCode()));
            using var names = new NameIndexWriter(connection, transaction);
            names.Add(id, entity);
            return Task.CompletedTask;
        }

        public Task UpdateEntityAsync(Entity before, Entity after)
        {
            var id = IdOf(before.Key);
            Execute("UPDATE entity SET name = $name, aliases = $aliases, tags = $tags, sources = $sources WHERE id = $id",
                ("$name", after.Name), ("$aliases", StoredJson.Write(after.Aliases)), ("$tags", StoredJson.Write(after.Tags)),
                ("$sources", StoredJson.Write(after.Sources)), ("$id", id));
            using var names = new NameIndexWriter(connection, transaction);
            names.Remove(id);
            names.Add(id, after);
            return Task.CompletedTask;
        }

        public Task<(int Facts, int Relationships)> DeleteEntityAsync(Entity entity)
        {
            var id = IdOf(entity.Key);
            var facts = Execute("DELETE FROM fact WHERE entity_id = $id", ("$id", id));
            var relationships = Execute("DELETE FROM relationship WHERE from_id = $id OR to_id = $id", ("$id", id));
            Execute("DELETE FROM placement WHERE enterprise_id = $id OR link_id = $id", ("$id", id));
            Execute("UPDATE kind_count SET n = n - 1 WHERE kind = (SELECT kind FROM entity WHERE id = $id)", ("$id", id));
            Execute("DELETE FROM entity WHERE id = $id", ("$id", id));
            using var names = new NameIndexWriter(connection, transaction);
            names.Remove(id);
            return Task.FromResult((facts, relationships));
        }

        public Task<IReadOnlyList<Fact>> FindFactsAsync(string entityKey, string key, string? asOf)
        {
            using var command = Command(
                "SELECT id, key, value, number, unit, as_of, sources, about FROM fact WHERE entity_id = $entity AND key = $key AND ($asOf IS NULL OR as_of = $asOf) ORDER BY id",
                ("$entity", IdOf(entityKey)), ("$key", key), ("$asOf", asOf));
            var found = new List<Fact>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var fact = new Fact(entityKey, reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), StoredJson.ReadSources(reader.GetString(6)))
                { About = StoredJson.ReadStrings(reader.GetString(7)) };
                factIds[fact] = reader.GetInt64(0);
                found.Add(fact);
            }

            return Task.FromResult<IReadOnlyList<Fact>>(found);
        }

        public Task InsertFactAsync(Fact fact)
        {
            Execute("INSERT INTO fact (entity_id, key, value, number, unit, as_of, sources, about) VALUES ($entity, $key, $value, $number, $unit, $asOf, $sources, $about)",
                ("$entity", IdOf(fact.EntityKey)), ("$key", fact.Key), ("$value", fact.Value), ("$number", fact.Number), ("$unit", fact.Unit),
                ("$asOf", fact.AsOf), ("$sources", StoredJson.Write(fact.Sources)), ("$about", StoredJson.Write(fact.About)));
            return Task.CompletedTask;
        }

        public Task UpdateFactAsync(Fact before, Fact after)
        {
            Execute("UPDATE fact SET value = $value, number = $number, unit = $unit, as_of = $asOf, sources = $sources WHERE id = $id",
                ("$value", after.Value), ("$number", after.Number), ("$unit", after.Unit), ("$asOf", after.AsOf),
                ("$sources", StoredJson.Write(after.Sources)), ("$id", factIds[before]));
            return Task.CompletedTask;
        }

        public Task DeleteFactAsync(Fact fact)
        {
            Execute("DELETE FROM fact WHERE id = $id", ("$id", factIds[fact]));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<SourceRef>?> FindRelationshipAsync(string fromKey, string type, string toKey)
        {
            using var command = Command("SELECT sources FROM relationship WHERE from_id = $from AND type = $type AND to_id = $to",
                ("$from", IdOf(fromKey)), ("$type", type), ("$to", IdOf(toKey)));
            return Task.FromResult(command.ExecuteScalar() is string json ? StoredJson.ReadSources(json) : null);
        }

        public Task InsertRelationshipAsync(Relationship relationship)
        {
            Execute("INSERT INTO relationship (from_id, type, to_id, sources) VALUES ($from, $type, $to, $sources)",
                ("$from", IdOf(relationship.FromKey)), ("$type", relationship.Type), ("$to", IdOf(relationship.ToKey)), ("$sources", StoredJson.Write(relationship.Sources)));
            return Task.CompletedTask;
        }

        public Task UpdateRelationshipAsync(string fromKey, string type, string toKey, string newType, IReadOnlyList<SourceRef> sources)
        {
            Execute("UPDATE relationship SET type = $newType, sources = $sources WHERE from_id = $from AND type = $type AND to_id = $to",
                ("$newType", newType), ("$sources", StoredJson.Write(sources)), ("$from", IdOf(fromKey)), ("$type", type), ("$to", IdOf(toKey)));
            return Task.CompletedTask;
        }

        public Task DeleteRelationshipAsync(string fromKey, string type, string toKey)
        {
            Execute("DELETE FROM relationship WHERE from_id = $from AND type = $type AND to_id = $to", ("$from", IdOf(fromKey)), ("$type", type), ("$to", IdOf(toKey)));
            return Task.CompletedTask;
        }

        /// <summary>Writes the audit entries and bumps the data version, when anything changed.</summary>
        public void Finish(EditAudit audit, EditContext context)
        {
            if (audit.Entries.Count == 0)
            {
                return;
            }

            var at = DateTimeOffset.UtcNow;
            foreach (var (action, entityKey, field, before, after) in audit.Entries)
            {
                WriteAudit(connection, transaction, at, context.Actor, action, entityKey, field, before, after, context.Provenance);
            }

            BumpDataVersion(connection, transaction);
        }
    }
}
