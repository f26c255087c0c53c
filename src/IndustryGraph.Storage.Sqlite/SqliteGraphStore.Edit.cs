using System.Globalization;
using IndustryGraph.Domain.Facts;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore : IGraphEditor
{
    /// <summary>One edit in one immediate transaction, with its audit entries and a new data version, or nothing.</summary>
    private async Task<T> EditAsync<T>(EditContext context, Func<EditSession, T> edit, CancellationToken cancellationToken)
    {
        await using var connection = ConnectCounted();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var session = new EditSession(connection, transaction, context);
        var result = edit(session);
        session.Finish();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task<Entity> CreateEntityAsync(Entity entity, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            if (session.FindEntity(entity.Key) is not null)
            {
                throw new EditRejectedException(EditProblem.Invalid, $"key: an entity with key '{entity.Key}' exists already");
            }

            var created = entity with { Sources = [context.Provenance] };
            if (created.Link is { } link)
            {
                var chain = session.RequireEntity(link.ChainKey, "chain");
                if (chain.Entity.Kind != EntityKind.IndustryChain)
                {
                    throw new EditRejectedException(EditProblem.Invalid, $"chain: '{link.ChainKey}' is a {chain.Entity.Kind.ToCode()}, not an INDUSTRY_CHAIN");
                }
            }

            var id = session.InsertEntity(created);
            session.Audit("create entity", created.Key, null, null, $"{created.Kind.ToCode()} {created.Name}");
            if (created.Link is { } placed)
            {
                session.InsertRelationship(id, RelationshipTypes.PartOf, session.RequireEntity(placed.ChainKey, "chain").Id, [context.Provenance]);
            }

            return created;
        }, cancellationToken);

    public Task<Entity> UpdateEntityAsync(string key, EntityChanges changes, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var (id, before) = session.RequireEntity(key, "entity");
            var after = before with
            {
                Name = changes.Name ?? before.Name,
                Aliases = changes.Aliases ?? before.Aliases,
                Tags = changes.Tags ?? before.Tags,
                Sources = before.Sources.Contains(context.Provenance) ? before.Sources : [.. before.Sources, context.Provenance],
            };
            session.UpdateEntity(id, after);
            session.AuditIfChanged(key, "name", before.Name, after.Name);
            session.AuditIfChanged(key, "aliases", string.Join('|', before.Aliases), string.Join('|', after.Aliases));
            session.AuditIfChanged(key, "tags", string.Join('|', before.Tags), string.Join('|', after.Tags));
            return after;
        }, cancellationToken);

    public Task<Entity> DeleteEntityAsync(string key, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var (id, entity) = session.RequireEntity(key, "entity");
            var (facts, relationships) = session.DeleteEntity(id);
            session.Audit("delete entity", key, null, $"{entity.Kind.ToCode()} {entity.Name} ({facts} facts, {relationships} relationships)", null);
            return entity;
        }, cancellationToken);

    public Task<Fact> AddFactAsync(Fact fact, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var (id, _) = session.RequireEntity(fact.EntityKey, "entity");
            var added = fact with { Sources = [context.Provenance] };
            session.InsertFact(id, added);
            session.Audit("add fact", fact.EntityKey, FactField(added), null, added.Value);
            return added;
        }, cancellationToken);

    public Task<Fact> UpdateFactAsync(FactSelector selector, FactChanges changes, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var (factId, before) = session.RequireFact(selector);
            var number = changes.Number ?? before.Number;
            var unit = changes.Unit ?? before.Unit;
            if (changes.Value is not null && changes.Number is null && Quantity.TryParse(changes.Value, out var quantity))
            {
                number = quantity.Number;
                unit = changes.Unit ?? quantity.Unit;
            }
            else if (changes.Value is not null && changes.Number is null)
            {
                number = null;
            }

            var after = before with
            {
                Value = changes.Value ?? before.Value,
                Number = number,
                Unit = unit,
                AsOf = changes.AsOf ?? before.AsOf,
                Sources = [context.Provenance],
            };
            session.UpdateFact(factId, after);
            session.AuditIfChanged(selector.EntityKey, FactField(before), before.Value, after.Value, "update fact");
            session.AuditIfChanged(selector.EntityKey, FactField(before) + ".number", Format(before.Number), Format(after.Number), "update fact");
            session.AuditIfChanged(selector.EntityKey, FactField(before) + ".unit", before.Unit, after.Unit, "update fact");
            session.AuditIfChanged(selector.EntityKey, FactField(before) + ".asOf", before.AsOf, after.AsOf, "update fact");
            return after;
        }, cancellationToken);

    public Task<Fact> DeleteFactAsync(FactSelector selector, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var (factId, fact) = session.RequireFact(selector);
            session.Execute("DELETE FROM fact WHERE id = $id", ("$id", factId));
            session.Audit("delete fact", selector.EntityKey, FactField(fact), fact.Value, null);
            return fact;
        }, cancellationToken);

    public Task<Relationship> AddRelationshipAsync(string fromKey, string type, string toKey, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var from = session.RequireEntity(fromKey, "from");
            var to = session.RequireEntity(toKey, "to");
            CheckRelationship(from.Entity, type, to.Entity);
            var field = $"{type} {toKey}";
            if (session.FindRelationship(from.Id, type, to.Id) is { } existing)
            {
                var sources = existing.Sources.Contains(context.Provenance) ? existing.Sources : [.. existing.Sources, context.Provenance];
                session.Execute("UPDATE relationship SET sources = $sources WHERE id = $id", ("$sources", StoredJson.Write(sources)), ("$id", existing.Id));
                session.Audit("add relationship source", fromKey, field, $"{existing.Sources.Count} source(s)", $"{sources.Count} source(s)");
                return new Relationship(fromKey, type, toKey, sources);
            }

            session.InsertRelationship(from.Id, type, to.Id, [context.Provenance]);
            session.Audit("add relationship", fromKey, field, null, $"{fromKey} {type} {toKey}");
            return new Relationship(fromKey, type, toKey, [context.Provenance]);
        }, cancellationToken);

    public Task<Relationship> UpdateRelationshipAsync(string fromKey, string type, string toKey, string newType, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var from = session.RequireEntity(fromKey, "from");
            var to = session.RequireEntity(toKey, "to");
            var existing = session.FindRelationship(from.Id, type, to.Id)
                ?? throw new EditRejectedException(EditProblem.NotFound, $"relationship: there is no {type} from '{fromKey}' to '{toKey}'");
            CheckRelationship(from.Entity, newType, to.Entity);
            if (newType != type && session.FindRelationship(from.Id, newType, to.Id) is not null)
            {
                throw new EditRejectedException(EditProblem.Invalid, $"newType: '{fromKey}' {newType} '{toKey}' exists already: delete this one instead");
            }

            session.Execute("UPDATE relationship SET type = $type, sources = $sources WHERE id = $id",
                ("$type", newType), ("$sources", StoredJson.Write([context.Provenance])), ("$id", existing.Id));
            session.Audit("update relationship", fromKey, $"{type} {toKey}", $"{fromKey} {type} {toKey}", $"{fromKey} {newType} {toKey}");
            return new Relationship(fromKey, newType, toKey, [context.Provenance]);
        }, cancellationToken);

    public Task<Relationship> DeleteRelationshipAsync(string fromKey, string type, string toKey, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, session =>
        {
            var from = session.RequireEntity(fromKey, "from");
            var to = session.RequireEntity(toKey, "to");
            var existing = session.FindRelationship(from.Id, type, to.Id)
                ?? throw new EditRejectedException(EditProblem.NotFound, $"relationship: there is no {type} from '{fromKey}' to '{toKey}'");
            session.Execute("DELETE FROM relationship WHERE id = $id", ("$id", existing.Id));
            session.Audit("delete relationship", fromKey, $"{type} {toKey}", $"{fromKey} {type} {toKey}", null);
            return new Relationship(fromKey, type, toKey, existing.Sources);
        }, cancellationToken);

    private static void CheckRelationship(Entity from, string type, Entity to)
    {
        if (!RelationshipTypes.IsKnown(type))
        {
            throw new EditRejectedException(EditProblem.Invalid, $"type: unknown relationship type '{type}': expected one of {string.Join(", ", RelationshipTypes.All)}");
        }

        if (!RelationshipTypes.Fits(type, from.Kind, to.Kind))
        {
            throw new EditRejectedException(EditProblem.Invalid, $"type: {type} cannot go from a {from.Kind.ToCode()} to a {to.Kind.ToCode()}: it connects {RelationshipTypes.DescribeAllowed(type)}");
        }

        if (from.Key == to.Key)
        {
            throw new EditRejectedException(EditProblem.Invalid, $"to: a relationship from '{from.Key}' to itself");
        }

        if (type == RelationshipTypes.Supplies && from.Link?.ChainKey != to.Link?.ChainKey)
        {
            throw new EditRejectedException(EditProblem.Invalid, $"to: SUPPLIES connects links of one chain: '{from.Key}' is in {from.Link?.ChainKey}, '{to.Key}' in {to.Link?.ChainKey}");
        }
    }

    private static string FactField(Fact fact) => fact.AsOf is null ? $"fact {fact.Key}" : $"fact {fact.Key} ({fact.AsOf})";

    private static string? Format(double? number) => number?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The statements of one edit, sharing its connection and transaction, and its audit entries.</summary>
    private sealed class EditSession(SqliteConnection connection, SqliteTransaction transaction, EditContext context)
    {
        private readonly List<(string Action, string? EntityKey, string? Field, string? Before, string? After)> audit = [];

        private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
        {
            var command = SqliteGraphStore.Command(connection, sql, parameters);
            command.Transaction = transaction;
            return command;
        }

        public int Execute(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }

        public (long Id, Entity Entity)? FindEntity(string key)
        {
            using var command = Command($"SELECT {EntityColumns} FROM entity e WHERE e.key = $key", ("$key", key));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), ReadEntity(reader)) : null;
        }

        public (long Id, Entity Entity) RequireEntity(string key, string argument) =>
            FindEntity(key) ?? throw new EditRejectedException(EditProblem.NotFound, $"{argument}: no entity has key '{key}'");

        public long InsertEntity(Entity entity)
        {
            using var command = Command(
                "INSERT INTO entity (key, kind, name, aliases, tags, sources, chain_key, segment, position) VALUES ($key, $kind, $name, $aliases, $tags, $sources, $chain, $segment, $position) RETURNING id",
                ("$key", entity.Key), ("$kind", entity.Kind.ToCode()), ("$name", entity.Name), ("$aliases", StoredJson.Write(entity.Aliases)),
                ("$tags", StoredJson.Write(entity.Tags)), ("$sources", StoredJson.Write(entity.Sources)), ("$chain", entity.Link?.ChainKey),
                ("$segment", entity.Link?.Segment.ToCode()), ("$position", entity.Link?.Position));
            var id = (long)command.ExecuteScalar()!;
            Execute("INSERT INTO kind_count (kind, n) VALUES ($kind, 1) ON CONFLICT (kind) DO UPDATE SET n = n + 1", ("$kind", entity.Kind.ToCode()));
            using var names = new NameIndexWriter(connection, transaction);
            names.Add(id, entity);
            return id;
        }

        public void UpdateEntity(long id, Entity entity)
        {
            Execute("UPDATE entity SET name = $name, aliases = $aliases, tags = $tags, sources = $sources WHERE id = $id",
                ("$name", entity.Name), ("$aliases", StoredJson.Write(entity.Aliases)), ("$tags", StoredJson.Write(entity.Tags)),
                ("$sources", StoredJson.Write(entity.Sources)), ("$id", id));
            using var names = new NameIndexWriter(connection, transaction);
            names.Remove(id);
            names.Add(id, entity);
        }

        public (int Facts, int Relationships) DeleteEntity(long id)
        {
            var facts = Execute("DELETE FROM fact WHERE entity_id = $id", ("$id", id));
            var relationships = Execute("DELETE FROM relationship WHERE from_id = $id OR to_id = $id", ("$id", id));
            Execute("UPDATE kind_count SET n = n - 1 WHERE kind = (SELECT kind FROM entity WHERE id = $id)", ("$id", id));
            Execute("DELETE FROM entity WHERE id = $id", ("$id", id));
            using var names = new NameIndexWriter(connection, transaction);
            names.Remove(id);
            return (facts, relationships);
        }

        public void InsertFact(long entityId, Fact fact) =>
            Execute("INSERT INTO fact (entity_id, key, value, number, unit, as_of, sources, about) VALUES ($entity, $key, $value, $number, $unit, $asOf, $sources, $about)",
                ("$entity", entityId), ("$key", fact.Key), ("$value", fact.Value), ("$number", fact.Number), ("$unit", fact.Unit),
                ("$asOf", fact.AsOf), ("$sources", StoredJson.Write(fact.Sources)), ("$about", StoredJson.Write(fact.About)));

        public void UpdateFact(long factId, Fact fact) =>
            Execute("UPDATE fact SET value = $value, number = $number, unit = $unit, as_of = $asOf, sources = $sources WHERE id = $id",
                ("$value", fact.Value), ("$number", fact.Number), ("$unit", fact.Unit), ("$asOf", fact.AsOf),
                ("$sources", StoredJson.Write(fact.Sources)), ("$id", factId));

        public (long Id, Fact Fact) RequireFact(FactSelector selector)
        {
            var (entityId, _) = RequireEntity(selector.EntityKey, "entity");
            using var command = Command(
                "SELECT id, key, value, number, unit, as_of, sources, about FROM fact WHERE entity_id = $entity AND key = $key AND ($asOf IS NULL OR as_of = $asOf) ORDER BY id",
                ("$entity", entityId), ("$key", selector.Key), ("$asOf", selector.AsOf));
            var found = new List<(long, Fact)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    found.Add((reader.GetInt64(0), new Fact(selector.EntityKey, reader.GetString(1), reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), StoredJson.ReadSources(reader.GetString(6)))
                    { About = StoredJson.ReadStrings(reader.GetString(7)) }));
                }
            }

            return found.Count switch
            {
                0 => throw new EditRejectedException(EditProblem.NotFound, $"key: '{selector.EntityKey}' has no fact '{selector.Key}'{(selector.AsOf is null ? "" : $" as of {selector.AsOf}")}"),
                1 => found[0],
                _ => throw new EditRejectedException(EditProblem.Invalid,
                    $"asOf: '{selector.EntityKey}' has {found.Count} facts '{selector.Key}' ({string.Join(", ", found.Select(item => item.Item2.AsOf ?? "no period"))}): name the one with asOf"),
            };
        }

        public (long Id, IReadOnlyList<SourceRef> Sources)? FindRelationship(long fromId, string type, long toId)
        {
            using var command = Command("SELECT id, sources FROM relationship WHERE from_id = $from AND type = $type AND to_id = $to",
                ("$from", fromId), ("$type", type), ("$to", toId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), StoredJson.ReadSources(reader.GetString(1))) : null;
        }

        public void InsertRelationship(long fromId, string type, long toId, IReadOnlyList<SourceRef> sources) =>
            Execute("INSERT INTO relationship (from_id, type, to_id, sources) VALUES ($from, $type, $to, $sources)",
                ("$from", fromId), ("$type", type), ("$to", toId), ("$sources", StoredJson.Write(sources)));

        public void Audit(string action, string? entityKey, string? field, string? before, string? after) =>
            audit.Add((action, entityKey, field, before, after));

        public void AuditIfChanged(string entityKey, string field, string? before, string? after, string action = "update entity")
        {
            if (before != after)
            {
                Audit(action, entityKey, field, before, after);
            }
        }

        /// <summary>Writes the audit entries and bumps the data version, when anything changed.</summary>
        public void Finish()
        {
            if (audit.Count == 0)
            {
                return;
            }

            var at = DateTimeOffset.UtcNow;
            foreach (var (action, entityKey, field, before, after) in audit)
            {
                WriteAudit(connection, transaction, at, context.Actor, action, entityKey, field, before, after, context.Provenance);
            }

            BumpDataVersion(connection, transaction);
        }
    }
}
