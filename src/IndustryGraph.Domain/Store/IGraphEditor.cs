using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Store;

/// <summary>Who makes a change and on what authority: every edit is audited with both.</summary>
public sealed record EditContext(string Actor, SourceRef Provenance);

/// <summary>Changes to an entity's own fields; a null field stays as it is.</summary>
public sealed record EntityChanges(string? Name, IReadOnlyList<string>? Aliases, IReadOnlyList<string>? Tags);

/// <summary>Changes to a fact; a null field stays as it is. <see cref="Number"/> and <see cref="Unit"/> are re-read from a new value unless given.</summary>
public sealed record FactChanges(string? Value, double? Number, string? Unit, string? AsOf);

/// <summary>Names the one fact an edit is about: the entity, the fact key and, when the key has several, the period.</summary>
public sealed record FactSelector(string EntityKey, string Key, string? AsOf);

public enum EditProblem
{
    /// <summary>The entity, fact or relationship named does not exist.</summary>
    NotFound,

    /// <summary>The edit would break the graph's rules (a kind that does not fit, a key that exists).</summary>
    Invalid,
}

/// <summary>An edit the store refused; nothing was changed.</summary>
public sealed class EditRejectedException(EditProblem problem, string message) : Exception(message)
{
    public EditProblem Problem { get; } = problem;
}

/// <summary>
/// Single changes to the graph, each in its own transaction with its audit entries, each bumping the data
/// version so caches and analysis answer from the new data at once.
/// </summary>
public interface IGraphEditor
{
    Task<Entity> CreateEntityAsync(Entity entity, EditContext context, CancellationToken cancellationToken = default);

    Task<Entity> UpdateEntityAsync(string key, EntityChanges changes, EditContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entity with its facts and relationships; returns what was deleted.</summary>
    Task<Entity> DeleteEntityAsync(string key, EditContext context, CancellationToken cancellationToken = default);

    Task<Fact> AddFactAsync(Fact fact, EditContext context, CancellationToken cancellationToken = default);

    Task<Fact> UpdateFactAsync(FactSelector selector, FactChanges changes, EditContext context, CancellationToken cancellationToken = default);

    Task<Fact> DeleteFactAsync(FactSelector selector, EditContext context, CancellationToken cancellationToken = default);

    /// <summary>Adds the relationship, or adds the provenance to it when it exists.</summary>
    Task<Relationship> AddRelationshipAsync(string fromKey, string type, string toKey, EditContext context, CancellationToken cancellationToken = default);

    /// <summary>Changes a relationship's type (TARGETS → FOCUSES_ON when a target industry arrives); the provenance given becomes its only source.</summary>
    Task<Relationship> UpdateRelationshipAsync(string fromKey, string type, string toKey, string newType, EditContext context, CancellationToken cancellationToken = default);

    Task<Relationship> DeleteRelationshipAsync(string fromKey, string type, string toKey, EditContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms or rejects placements, all in one transaction with an audit entry each (who and when are the
    /// context's actor and the time of the write). Deciding a pair that has no record creates one; an enterprise
    /// or link that does not exist refuses the whole batch. Returns the records as stored.
    /// </summary>
    Task<IReadOnlyList<Placements.PlacementRecord>> DecidePlacementsAsync(
        IReadOnlyList<Placements.PlacementDecision> decisions, EditContext context, CancellationToken cancellationToken = default);
}
