using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Store;

/// <summary>
/// The reads of the store port. Reads take batches of keys so the API can serve a whole level of a query with
/// one round-trip. On the store itself each read sees the latest committed data; on a snapshot every read sees
/// the same committed version.
/// </summary>
public interface IGraphReads
{
    /// <summary>Grows with every committed write; caches key on it.</summary>
    Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Relationships touching any of <paramref name="keys"/> in the given direction (both when null), of the
    /// given types (all when null).
    /// </summary>
    Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default);

    /// <summary>Entities whose key, name or one of whose aliases equals <paramref name="text"/> exactly.</summary>
    Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default);

    Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Name and alias search, Chinese substrings of any length included, best match first.</summary>
    Task<IReadOnlyList<SearchMatch>> SearchAsync(
        string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default);

    /// <summary>The whole graph, for the in-memory analysis index and for export.</summary>
    Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>One committed version of the graph, held until disposed: a request reads old or new data, never a mix.</summary>
public interface IGraphSnapshot : IGraphReads, IAsyncDisposable;

/// <summary>
/// The store port: everything the API and the analysis need from a backend. The SQLite adapter implements it
/// now, a Neo4j adapter next.
/// </summary>
public interface IGraphStore : IGraphReads
{
    /// <summary>Pins the current committed version for a series of reads (one GraphQL query).</summary>
    Task<IGraphSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes a dataset in one transaction: all of it or nothing.</summary>
    Task<ImportSummary> ImportAsync(GraphDataset dataset, ImportMode mode, CancellationToken cancellationToken = default);
}

public enum ImportMode
{
    /// <summary>Insert or update by stable keys; what the dataset does not mention stays.</summary>
    Merge,

    /// <summary>The dataset becomes the whole graph.</summary>
    Replace,
}

public sealed record ImportSummary(
    int EntitiesAdded, int EntitiesUpdated, int EntitiesRemoved,
    int RelationshipsAdded, int RelationshipsRemoved,
    int FactsAdded, int FactsRemoved,
    long DataVersion)
{
    public override string ToString() =>
        $"entities +{EntitiesAdded} ~{EntitiesUpdated} -{EntitiesRemoved}, relationships +{RelationshipsAdded} -{RelationshipsRemoved}, facts +{FactsAdded} -{FactsRemoved}";
}

public sealed record SearchMatch(Entity Entity, double Score);

/// <summary>How an import runs: merge or replace, for real or as a dry run, who runs it (for the audit trail) and from what.</summary>
public sealed record ImportOptions(ImportMode Mode)
{
    public bool DryRun { get; init; }

    public string Actor { get; init; } = "cli";

    /// <summary>What was imported (a folder or file name), recorded in the audit trail.</summary>
    public string? Origin { get; init; }

    public IProgress<long>? Progress { get; init; }

    /// <summary>Receives how long each step of the write took (for benchmarks).</summary>
    public Action<string>? Trace { get; init; }
}
