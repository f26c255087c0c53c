using System.Globalization;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Store;

/// <summary>One entity field an import changed, for the audit trail.</summary>
public sealed record ImportChange(string Action, string EntityKey, string? Field, string? Before, string? After);

/// <summary>
/// What an import does to a store holding <c>current</c>, computed without I/O, for a backend that writes the
/// result as set statements (Neo4j). The rules are the embedded store's: entities by key (same fields: nothing;
/// other fields: updated); relationships by (from, type, to), a merge adding sources and a replace setting them;
/// a merge replaces the facts of each (entity, key) it brings, a replace all facts; a replace removes entities
/// the data lacks, with their facts, relationships and placement records. Placement records by (enterprise, link):
/// for an enterprise the import suggests for, <see cref="PlacementMerge"/>'s rules (its stale suggestions go, its
/// decisions stay); any other record is written as the data gives it; a replace removes every record the data
/// lacks that the rules do not keep. A row referring to an unknown entity fails the whole plan.
/// </summary>
public sealed class ImportPlan
{
    public List<Entity> EntitiesToWrite { get; } = [];

    public List<string> EntitiesToRemove { get; } = [];

    /// <summary>New relationships, and existing ones whose sources changed (the sources given are the final ones).</summary>
    public List<Relationship> RelationshipsToWrite { get; } = [];

    /// <summary>Relationships to delete that do not go with a removed entity.</summary>
    public List<Relationship> RelationshipsToRemove { get; } = [];

    public List<Fact> FactsToRemove { get; } = [];

    public List<Fact> FactsToAdd { get; } = [];

    /// <summary>New and changed placement records, as they are to be stored.</summary>
    public List<PlacementRecord> PlacementsToWrite { get; } = [];

    /// <summary>Placement records to delete that do not go with a removed entity.</summary>
    public List<PlacementRecord> PlacementsToRemove { get; } = [];

    public List<ImportChange> Changes { get; } = [];

    public ImportSummary Summary { get; private set; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public bool Changed => Summary with { DataVersion = 0 } != new ImportSummary(0, 0, 0, 0, 0, 0, 0, 0);

    private static readonly string[] EntityFields = ["kind", "name", "aliases", "tags", "sources", "chain", "segment", "position"];

    public static ImportPlan Compute(GraphDataset current, GraphDataset incoming, ImportMode mode, IReadOnlyCollection<string>? suggestedFor = null)
    {
        var plan = new ImportPlan();
        var stored = current.Entities.ToDictionary(entity => entity.Key, StringComparer.Ordinal);
        var keys = new HashSet<string>(stored.Keys, StringComparer.Ordinal);
        int added = 0, updated = 0, removed = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in incoming.Entities)
        {
            seen.Add(entity.Key);
            if (stored.TryGetValue(entity.Key, out var before))
            {
                var (was, now) = (Fields(before), Fields(entity));
                if (was.SequenceEqual(now) && before.Sources.SequenceEqual(entity.Sources))
                {
                    continue;
                }

                for (var i = 0; i < EntityFields.Length; i++)
                {
                    if (was[i] != now[i] || (i == 4 && !before.Sources.SequenceEqual(entity.Sources)))
                    {
                        plan.Changes.Add(new ImportChange("import update entity", entity.Key, EntityFields[i], was[i], now[i]));
                    }
                }

                updated++;
            }
            else
            {
                added++;
                keys.Add(entity.Key);
            }

            plan.EntitiesToWrite.Add(entity);
        }

        var gone = new HashSet<string>(StringComparer.Ordinal);
        if (mode == ImportMode.Replace)
        {
            foreach (var entity in current.Entities.Where(entity => !seen.Contains(entity.Key)))
            {
                plan.Changes.Add(new ImportChange("import remove entity", entity.Key, null, $"{entity.Kind.ToCode()} {entity.Name}", null));
                plan.EntitiesToRemove.Add(entity.Key);
                gone.Add(entity.Key);
                keys.Remove(entity.Key);
                removed++;
            }
        }

        var removedWithEntities = current.Relationships.Count(edge => gone.Contains(edge.FromKey) || gone.Contains(edge.ToKey));
        var factsWithEntities = current.Facts.Count(fact => gone.Contains(fact.EntityKey));
        string Require(string key) => keys.Contains(key) ? key : throw new KeyNotFoundException($"the data refers to '{key}', which is neither in it nor in the store");

        // Relationships.
        var existing = current.Relationships
            .Where(edge => !gone.Contains(edge.FromKey) && !gone.Contains(edge.ToKey))
            .ToDictionary(edge => (edge.FromKey, edge.Type, edge.ToKey));
        var seenEdges = new HashSet<(string, string, string)>();
        int relationshipsAdded = 0, relationshipsRemoved = 0;
        foreach (var edge in incoming.Relationships)
        {
            var id = (Require(edge.FromKey), edge.Type, Require(edge.ToKey));
            seenEdges.Add(id);
            if (existing.TryGetValue(id, out var before))
            {
                var sources = mode == ImportMode.Merge ? before.Sources.Union(edge.Sources).ToList() : edge.Sources;
                if (!sources.SequenceEqual(before.Sources))
                {
                    plan.RelationshipsToWrite.Add(edge with { Sources = sources });
                    existing[id] = edge with { Sources = sources };
                }
            }
            else
            {
                plan.RelationshipsToWrite.Add(edge);
                existing[id] = edge;
                relationshipsAdded++;
            }
        }

        if (mode == ImportMode.Replace)
        {
            foreach (var edge in existing.Values.Where(edge => !seenEdges.Contains((edge.FromKey, edge.Type, edge.ToKey))).ToList())
            {
                plan.RelationshipsToRemove.Add(edge);
                relationshipsRemoved++;
            }
        }

        // Facts: a merge replaces the facts of each (entity, key) it brings; a replace replaces them all.
        foreach (var fact in incoming.Facts)
        {
            Require(fact.EntityKey);
        }

        var incomingPrints = incoming.Facts.Select(Fingerprint).ToHashSet(StringComparer.Ordinal);
        var groups = incoming.Facts.Select(fact => (fact.EntityKey, fact.Key)).ToHashSet();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in current.Facts.Where(fact => !gone.Contains(fact.EntityKey)))
        {
            var print = Fingerprint(fact);
            var inScope = mode == ImportMode.Replace || groups.Contains((fact.EntityKey, fact.Key));
            if (inScope && !incomingPrints.Contains(print))
            {
                plan.FactsToRemove.Add(fact);
            }
            else
            {
                kept.Add(print);
            }
        }

        foreach (var fact in incoming.Facts)
        {
            if (kept.Add(Fingerprint(fact)))
            {
                plan.FactsToAdd.Add(fact);
            }
        }

        var (placementsAdded, placementsUpdated) = PlanPlacements(plan, current, incoming, mode, suggestedFor, gone, Require);
        plan.Summary = new ImportSummary(
            added, updated, removed, relationshipsAdded, relationshipsRemoved + removedWithEntities,
            plan.FactsToAdd.Count, plan.FactsToRemove.Count + factsWithEntities, 0)
        {
            PlacementsAdded = placementsAdded,
            PlacementsUpdated = placementsUpdated,
            PlacementsRemoved = plan.PlacementsToRemove.Count + current.Placements.Count(record => gone.Contains(record.EnterpriseKey) || gone.Contains(record.LinkKey)),
        };
        return plan;
    }

    private static (int Added, int Updated) PlanPlacements(
        ImportPlan plan, GraphDataset current, GraphDataset incoming, ImportMode mode, IReadOnlyCollection<string>? suggestedFor,
        HashSet<string> gone, Func<string, string> require)
    {
        var suggesting = suggestedFor?.ToHashSet(StringComparer.Ordinal) ?? [];
        var stored = current.Placements
            .Where(record => !gone.Contains(record.EnterpriseKey) && !gone.Contains(record.LinkKey))
            .ToDictionary(record => record.Pair());
        var seen = new HashSet<(string, string)>();
        var writes = new Dictionary<(string, string), PlacementRecord>();
        int added = 0, updated = 0;
        foreach (var record in incoming.Placements)
        {
            var pair = (require(record.EnterpriseKey), require(record.LinkKey));
            seen.Add(pair);
            var before = stored.GetValueOrDefault(pair);
            var after = suggesting.Contains(record.EnterpriseKey) ? PlacementMerge.Merge(before, record) : record;
            if (before is null)
            {
                added++;
            }
            else if (!PlacementRecords.Same(before, after))
            {
                updated++;
            }
            else
            {
                continue;
            }

            // A pair given twice is merged twice, in order: the later one is stored.
            writes[pair] = after;
            stored[pair] = after;
        }

        plan.PlacementsToWrite.AddRange(writes.Values);

        foreach (var (pair, record) in stored)
        {
            if (seen.Contains(pair))
            {
                continue;
            }

            var rulesKeep = !suggesting.Contains(record.EnterpriseKey) || PlacementMerge.KeepsWhenNotSuggested(record);
            if (!rulesKeep || (mode == ImportMode.Replace && !(suggesting.Contains(record.EnterpriseKey) && rulesKeep)))
            {
                plan.PlacementsToRemove.Add(record);
            }
        }

        return (added, updated);
    }

    /// <summary>The graph after the plan: what a backend that carries it out must hold (tests compare backends with it).</summary>
    public GraphDataset ApplyTo(GraphDataset current)
    {
        var removed = EntitiesToRemove.ToHashSet(StringComparer.Ordinal);
        var entities = current.Entities.Where(entity => !removed.Contains(entity.Key)).ToDictionary(entity => entity.Key, StringComparer.Ordinal);
        foreach (var entity in EntitiesToWrite)
        {
            entities[entity.Key] = entity;
        }

        var edgesGone = RelationshipsToRemove.Select(edge => (edge.FromKey, edge.Type, edge.ToKey)).ToHashSet();
        var edges = current.Relationships
            .Where(edge => !removed.Contains(edge.FromKey) && !removed.Contains(edge.ToKey) && !edgesGone.Contains((edge.FromKey, edge.Type, edge.ToKey)))
            .ToDictionary(edge => (edge.FromKey, edge.Type, edge.ToKey));
        foreach (var edge in RelationshipsToWrite)
        {
            edges[(edge.FromKey, edge.Type, edge.ToKey)] = edge;
        }

        var factsGone = FactsToRemove.Select(Fingerprint).ToHashSet(StringComparer.Ordinal);
        var facts = current.Facts.Where(fact => !removed.Contains(fact.EntityKey) && !factsGone.Contains(Fingerprint(fact))).Concat(FactsToAdd).ToList();
        var placementsGone = PlacementsToRemove.Select(record => record.Pair()).ToHashSet();
        var placements = current.Placements
            .Where(record => !removed.Contains(record.EnterpriseKey) && !removed.Contains(record.LinkKey) && !placementsGone.Contains(record.Pair()))
            .ToDictionary(record => record.Pair());
        foreach (var record in PlacementsToWrite)
        {
            placements[record.Pair()] = record;
        }

        return new GraphDataset([.. entities.Values], facts, [.. edges.Values]) { Placements = [.. placements.Values] };
    }

    /// <summary>A fact's identity: all of it, provenance and what it is about included (two sources stating one figure are two facts).</summary>
    public static string Fingerprint(Fact fact) => string.Join('\u001f',
        fact.EntityKey, fact.Key, fact.Value, fact.Number?.ToString("R", CultureInfo.InvariantCulture) ?? "", fact.Unit ?? "", fact.AsOf ?? "",
        string.Join('\u001e', fact.Sources.Select(source => $"{source.Document}\u001d{source.Paragraph}\u001d{source.Curated}\u001d{source.Note}")),
        string.Join('|', fact.About));

    private static string[] Fields(Entity entity) =>
    [
        entity.Kind.ToCode(), entity.Name, string.Join('|', entity.Aliases), string.Join('|', entity.Tags),
        string.Join("; ", entity.Sources), entity.Link?.ChainKey ?? "", entity.Link?.Segment.ToCode() ?? "",
        entity.Link?.Position.ToString(CultureInfo.InvariantCulture) ?? "",
    ];
}
