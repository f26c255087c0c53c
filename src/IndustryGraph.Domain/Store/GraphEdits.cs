using System.Globalization;
using IndustryGraph.Domain.Facts;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Store;

/// <summary>
/// What one edit may read and write inside its transaction; each adapter implements it over its own storage, and
/// <see cref="GraphEdits"/> holds the rules, so every backend refuses and records exactly the same edits.
/// </summary>
public interface IEditSession
{
    Task<Entity?> FindEntityAsync(string key);

    Task InsertEntityAsync(Entity entity);

    Task UpdateEntityAsync(Entity before, Entity after);

    /// <summary>Deletes the entity with its facts, relationships and placement records; returns how many facts and relationships went with it.</summary>
    Task<(int Facts, int Relationships)> DeleteEntityAsync(Entity entity);

    /// <summary>The entity's facts with this key (and period, when given), oldest first.</summary>
    Task<IReadOnlyList<Fact>> FindFactsAsync(string entityKey, string key, string? asOf);

    Task InsertFactAsync(Fact fact);

    /// <summary>Replaces <paramref name="before"/> (an instance <see cref="FindFactsAsync"/> returned) with <paramref name="after"/>.</summary>
    Task UpdateFactAsync(Fact before, Fact after);

    Task DeleteFactAsync(Fact fact);

    Task<IReadOnlyList<SourceRef>?> FindRelationshipAsync(string fromKey, string type, string toKey);

    Task InsertRelationshipAsync(Relationship relationship);

    /// <summary>Sets an existing relationship's type and sources.</summary>
    Task UpdateRelationshipAsync(string fromKey, string type, string toKey, string newType, IReadOnlyList<SourceRef> sources);

    Task DeleteRelationshipAsync(string fromKey, string type, string toKey);

    /// <summary>The stored placement record of the pair, or null.</summary>
    Task<PlacementRecord?> FindPlacementAsync(string enterpriseKey, string linkKey);

    /// <summary>Stores the record as the one of its (enterprise, link), in place of any earlier one.</summary>
    Task WritePlacementAsync(PlacementRecord record);
}

/// <summary>The audit entries of one edit, written with it by the adapter (with the edit's actor and provenance).</summary>
public sealed class EditAudit
{
    private readonly List<(string Action, string? EntityKey, string? Field, string? Before, string? After)> entries = [];

    public IReadOnlyList<(string Action, string? EntityKey, string? Field, string? Before, string? After)> Entries => entries;

    public void Add(string action, string? entityKey, string? field, string? before, string? after) => entries.Add((action, entityKey, field, before, after));

    public void AddIfChanged(string entityKey, string field, string? before, string? after, string action = "update entity")
    {
        if (before != after)
        {
            Add(action, entityKey, field, before, after);
        }
    }
}

/// <summary>The rules of single edits, the same for every adapter.</summary>
public static class GraphEdits
{
    public static async Task<Entity> CreateEntityAsync(IEditSession session, EditAudit audit, Entity entity, EditContext context)
    {
        if (await session.FindEntityAsync(entity.Key).ConfigureAwait(false) is not null)
        {
            throw new EditRejectedException(EditProblem.Invalid, $"key: an entity with key '{entity.Key}' exists already");
        }

        var created = entity with { Sources = [context.Provenance] };
        if (created.Link is { } link)
        {
            var chain = await RequireEntityAsync(session, link.ChainKey, "chain").ConfigureAwait(false);
            if (chain.Kind != EntityKind.IndustryChain)
            {
                throw new EditRejectedException(EditProblem.Invalid, $"chain: '{link.ChainKey}' is a {chain.Kind.ToCode()}, not an INDUSTRY_CHAIN");
            }
        }

        await session.InsertEntityAsync(created).ConfigureAwait(false);
        audit.Add("create entity", created.Key, null, null, $"{created.Kind.ToCode()} {created.Name}");
        if (created.Link is { } placed)
        {
            await session.InsertRelationshipAsync(new Relationship(created.Key, RelationshipTypes.PartOf, placed.ChainKey, [context.Provenance])).ConfigureAwait(false);
        }

        return created;
    }

    public static async Task<Entity> UpdateEntityAsync(IEditSession session, EditAudit audit, string key, EntityChanges changes, EditContext context)
    {
        var before = await RequireEntityAsync(session, key, "entity").ConfigureAwait(false);
        var after = before with
        {
            Name = changes.Name ?? before.Name,
            Aliases = changes.Aliases ?? before.Aliases,
            Tags = changes.Tags ?? before.Tags,
            Sources = before.Sources.Contains(context.Provenance) ? before.Sources : [.. before.Sources, context.Provenance],
        };
        await session.UpdateEntityAsync(before, after).ConfigureAwait(false);
        audit.AddIfChanged(key, "name", before.Name, after.Name);
        audit.AddIfChanged(key, "aliases", string.Join('|', before.Aliases), string.Join('|', after.Aliases));
        audit.AddIfChanged(key, "tags", string.Join('|', before.Tags), string.Join('|', after.Tags));
        return after;
    }

    public static async Task<Entity> DeleteEntityAsync(IEditSession session, EditAudit audit, string key)
    {
        var entity = await RequireEntityAsync(session, key, "entity").ConfigureAwait(false);
        var (facts, relationships) = await session.DeleteEntityAsync(entity).ConfigureAwait(false);
        audit.Add("delete entity", key, null, $"{entity.Kind.ToCode()} {entity.Name} ({facts} facts, {relationships} relationships)", null);
        return entity;
    }

    public static async Task<Fact> AddFactAsync(IEditSession session, EditAudit audit, Fact fact, EditContext context)
    {
        await RequireEntityAsync(session, fact.EntityKey, "entity").ConfigureAwait(false);
        var added = fact with { Sources = [context.Provenance] };
        await session.InsertFactAsync(added).ConfigureAwait(false);
        audit.Add("add fact", fact.EntityKey, FactField(added), null, added.Value);
        return added;
    }

    public static async Task<Fact> UpdateFactAsync(IEditSession session, EditAudit audit, FactSelector selector, FactChanges changes, EditContext context)
    {
        var before = await RequireFactAsync(session, selector).ConfigureAwait(false);
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
        await session.UpdateFactAsync(before, after).ConfigureAwait(false);
        var field = FactField(before);
        audit.AddIfChanged(selector.EntityKey, field, before.Value, after.Value, "update fact");
        audit.AddIfChanged(selector.EntityKey, field + ".number", Format(before.Number), Format(after.Number), "update fact");
        audit.AddIfChanged(selector.EntityKey, field + ".unit", before.Unit, after.Unit, "update fact");
        audit.AddIfChanged(selector.EntityKey, field + ".asOf", before.AsOf, after.AsOf, "update fact");
        return after;
    }

    public static async Task<Fact> DeleteFactAsync(IEditSession session, EditAudit audit, FactSelector selector)
    {
        var fact = await RequireFactAsync(session, selector).ConfigureAwait(false);
        await session.DeleteFactAsync(fact).ConfigureAwait(false);
        audit.Add("delete fact", selector.EntityKey, FactField(fact), fact.Value, null);
        return fact;
    }

    public static async Task<Relationship> AddRelationshipAsync(IEditSession session, EditAudit audit, string fromKey, string type, string toKey, EditContext context)
    {
        var from = await RequireEntityAsync(session, fromKey, "from").ConfigureAwait(false);
        var to = await RequireEntityAsync(session, toKey, "to").ConfigureAwait(false);
        CheckRelationship(from, type, to);
        var field = $"{type} {toKey}";
        if (await session.FindRelationshipAsync(fromKey, type, toKey).ConfigureAwait(false) is { } existing)
        {
            IReadOnlyList<SourceRef> sources = existing.Contains(context.Provenance) ? existing : [.. existing, context.Provenance];
            await session.UpdateRelationshipAsync(fromKey, type, toKey, type, sources).ConfigureAwait(false);
            audit.Add("add relationship source", fromKey, field, $"{existing.Count} source(s)", $"{sources.Count} source(s)");
            return new Relationship(fromKey, type, toKey, sources);
        }

        var added = new Relationship(fromKey, type, toKey, [context.Provenance]);
        await session.InsertRelationshipAsync(added).ConfigureAwait(false);
        audit.Add("add relationship", fromKey, field, null, $"{fromKey} {type} {toKey}");
        return added;
    }

    public static async Task<Relationship> UpdateRelationshipAsync(IEditSession session, EditAudit audit, string fromKey, string type, string toKey, string newType, EditContext context)
    {
        var from = await RequireEntityAsync(session, fromKey, "from").ConfigureAwait(false);
        var to = await RequireEntityAsync(session, toKey, "to").ConfigureAwait(false);
        _ = await session.FindRelationshipAsync(fromKey, type, toKey).ConfigureAwait(false)
            ?? throw new EditRejectedException(EditProblem.NotFound, $"relationship: there is no {type} from '{fromKey}' to '{toKey}'");
        CheckRelationship(from, newType, to);
        if (newType != type && await session.FindRelationshipAsync(fromKey, newType, toKey).ConfigureAwait(false) is not null)
        {
            throw new EditRejectedException(EditProblem.Invalid, $"newType: '{fromKey}' {newType} '{toKey}' exists already: delete this one instead");
        }

        await session.UpdateRelationshipAsync(fromKey, type, toKey, newType, [context.Provenance]).ConfigureAwait(false);
        audit.Add("update relationship", fromKey, $"{type} {toKey}", $"{fromKey} {type} {toKey}", $"{fromKey} {newType} {toKey}");
        return new Relationship(fromKey, newType, toKey, [context.Provenance]);
    }

    public static async Task<Relationship> DeleteRelationshipAsync(IEditSession session, EditAudit audit, string fromKey, string type, string toKey)
    {
        await RequireEntityAsync(session, fromKey, "from").ConfigureAwait(false);
        await RequireEntityAsync(session, toKey, "to").ConfigureAwait(false);
        var existing = await session.FindRelationshipAsync(fromKey, type, toKey).ConfigureAwait(false)
            ?? throw new EditRejectedException(EditProblem.NotFound, $"relationship: there is no {type} from '{fromKey}' to '{toKey}'");
        await session.DeleteRelationshipAsync(fromKey, type, toKey).ConfigureAwait(false);
        audit.Add("delete relationship", fromKey, $"{type} {toKey}", $"{fromKey} {type} {toKey}", null);
        return new Relationship(fromKey, type, toKey, existing);
    }

    /// <summary>
    /// Confirms or rejects each pair, in order: an existing record keeps its score, evidence and basis; a pair with
    /// no record gets one. Every enterprise and link is checked before anything is written, so a refused batch
    /// writes nothing. One audit entry per decision (before and after: the kinds).
    /// </summary>
    public static async Task<IReadOnlyList<PlacementRecord>> DecidePlacementsAsync(
        IEditSession session, EditAudit audit, IReadOnlyList<PlacementDecision> decisions, EditContext context, DateTimeOffset at)
    {
        var checkedKeys = new Dictionary<string, EntityKind>(StringComparer.Ordinal);
        async Task RequireKindAsync(string key, EntityKind kind, string argument, int index)
        {
            if (!checkedKeys.TryGetValue(key, out var found))
            {
                found = (await session.FindEntityAsync(key).ConfigureAwait(false)
                    ?? throw new EditRejectedException(EditProblem.NotFound, $"decisions[{index}].{argument}: no entity has key '{key}'")).Kind;
                checkedKeys[key] = found;
            }

            if (found != kind)
            {
                throw new EditRejectedException(EditProblem.Invalid, $"decisions[{index}].{argument}: '{key}' is a {found.ToCode()}, not a {kind.ToCode()}");
            }
        }

        for (var index = 0; index < decisions.Count; index++)
        {
            var decision = decisions[index];
            if (decision.Decision is not (PlacementKind.Confirmed or PlacementKind.Rejected))
            {
                throw new EditRejectedException(EditProblem.Invalid,
                    $"decisions[{index}].decision: {decision.Decision.ToCode()} is not a decision: expected CONFIRMED or REJECTED");
            }

            await RequireKindAsync(decision.EnterpriseKey, EntityKind.Enterprise, "enterprise", index).ConfigureAwait(false);
            await RequireKindAsync(decision.LinkKey, EntityKind.ChainLink, "link", index).ConfigureAwait(false);
        }

        var decided = new List<PlacementRecord>(decisions.Count);
        foreach (var decision in decisions)
        {
            var stored = await session.FindPlacementAsync(decision.EnterpriseKey, decision.LinkKey).ConfigureAwait(false);
            var record = (stored ?? new PlacementRecord(decision.EnterpriseKey, decision.LinkKey, decision.Decision, null, []))
                with { Kind = decision.Decision, DecidedBy = context.Actor, DecidedAt = at };
            await session.WritePlacementAsync(record).ConfigureAwait(false);
            audit.Add(decision.Decision == PlacementKind.Confirmed ? "placement.confirm" : "placement.reject",
                decision.EnterpriseKey, $"placement {decision.LinkKey}", stored?.Kind.ToCode(), record.Kind.ToCode());
            decided.Add(record);
        }

        return decided;
    }

    private static async Task<Entity> RequireEntityAsync(IEditSession session, string key, string argument) =>
        await session.FindEntityAsync(key).ConfigureAwait(false) ?? throw new EditRejectedException(EditProblem.NotFound, $"{argument}: no entity has key '{key}'");

    private static async Task<Fact> RequireFactAsync(IEditSession session, FactSelector selector)
    {
        await RequireEntityAsync(session, selector.EntityKey, "entity").ConfigureAwait(false);
        var found = await session.FindFactsAsync(selector.EntityKey, selector.Key, selector.AsOf).ConfigureAwait(false);
        return found.Count switch
        {
            0 => throw new EditRejectedException(EditProblem.NotFound, $"key: '{selector.EntityKey}' has no fact '{selector.Key}'{(selector.AsOf is null ? "" : $" as of {selector.AsOf}")}"),
            1 => found[0],
            _ => throw new EditRejectedException(EditProblem.Invalid,
                $"asOf: '{selector.EntityKey}' has {found.Count} facts '{selector.Key}' ({string.Join(", ", found.Select(fact => fact.AsOf ?? "no period"))}): name the one with asOf"),
        };
    }

    public static void CheckRelationship(Entity from, string type, Entity to)
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
}

/// <summary>
/// <see cref="IGraphEditor"/> for an adapter that can run one edit in one transaction (<see cref="EditAsync"/>):
/// the edits themselves are <see cref="GraphEdits"/>, the same on every backend.
/// </summary>
public abstract class TransactionalGraphEditor : IGraphEditor
{
    /// <summary>Runs <paramref name="edit"/> in one transaction and, when it recorded audit entries, writes them with the context's actor and provenance and bumps the data version; a refused edit leaves nothing.</summary>
    protected abstract Task<T> EditAsync<T>(EditContext context, Func<IEditSession, EditAudit, Task<T>> edit, CancellationToken cancellationToken);

    public Task<Entity> CreateEntityAsync(Entity entity, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.CreateEntityAsync(session, audit, entity, context), cancellationToken);

    public Task<Entity> UpdateEntityAsync(string key, EntityChanges changes, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.UpdateEntityAsync(session, audit, key, changes, context), cancellationToken);

    public Task<Entity> DeleteEntityAsync(string key, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.DeleteEntityAsync(session, audit, key), cancellationToken);

    public Task<Fact> AddFactAsync(Fact fact, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.AddFactAsync(session, audit, fact, context), cancellationToken);

    public Task<Fact> UpdateFactAsync(FactSelector selector, FactChanges changes, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.UpdateFactAsync(session, audit, selector, changes, context), cancellationToken);

    public Task<Fact> DeleteFactAsync(FactSelector selector, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.DeleteFactAsync(session, audit, selector), cancellationToken);

    public Task<Relationship> AddRelationshipAsync(string fromKey, string type, string toKey, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.AddRelationshipAsync(session, audit, fromKey, type, toKey, context), cancellationToken);

    public Task<Relationship> UpdateRelationshipAsync(string fromKey, string type, string toKey, string newType, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.UpdateRelationshipAsync(session, audit, fromKey, type, toKey, newType, context), cancellationToken);

    public Task<Relationship> DeleteRelationshipAsync(string fromKey, string type, string toKey, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.DeleteRelationshipAsync(session, audit, fromKey, type, toKey), cancellationToken);

    public Task<IReadOnlyList<PlacementRecord>> DecidePlacementsAsync(
        IReadOnlyList<PlacementDecision> decisions, EditContext context, CancellationToken cancellationToken = default) =>
        EditAsync(context, (session, audit) => GraphEdits.DecidePlacementsAsync(session, audit, decisions, context, DateTimeOffset.UtcNow), cancellationToken);
}
