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

    /// <summary>The stored placement records (suggested, confirmed, rejected) of each of the enterprises, by enterprise key.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Placements.PlacementRecord>>> GetPlacementsAsync(
        IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default);

    /// <summary>Entities whose key, name or one of whose aliases equals <paramref name="text"/> exactly.</summary>
    Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default);

    Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Name and alias search, Chinese substrings of any length included, best match first.</summary>
    Task<IReadOnlyList<SearchMatch>> SearchAsync(
        string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default);

    /// <summary>The whole graph, for the in-memory analysis index and for export.</summary>
    Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// One committed data version <see cref="Version"/> of the graph, held until disposed. The promise every adapter
/// keeps: each read of a snapshot answers from exactly version <see cref="Version"/>, or throws
/// <see cref="DataVersionGoneException"/> (retryable) when the backend can no longer read that version. It
/// never answers from another version. SQLite keeps it with one read transaction; a backend without snapshot
/// reads keeps it by checking the version around each read (<see cref="VersionCheckedSnapshot"/>).
/// </summary>
public interface IGraphSnapshot : IGraphReads, IAsyncDisposable
{
    /// <summary>The data version every read of this snapshot answers from, chosen when it was opened.</summary>
    long Version { get; }
}

/// <summary>
/// The store port: everything the API, the CLI and the analysis need from a backend. Each adapter project
/// registers this, <see cref="IGraphEditor"/>, <see cref="Access.IApiKeyStore"/> and <see cref="Audit.IAuditTrail"/>
/// with one call; nothing outside an adapter names a concrete store.
/// </summary>
public interface IGraphStore : IGraphReads
{
    /// <summary>Where the data lives, for messages (a file path, a server and database); never holds a secret.</summary>
    string Location { get; }

    /// <summary>Pins the current committed version for a series of reads (one GraphQL request).</summary>
    Task<IGraphSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a dataset in one transaction with its audit entry: all of it or nothing. The parts of the stream
    /// may be written while later ones are still being validated; when reading the stream throws (invalid data,
    /// cancellation), nothing is kept and the exception comes out. A dry run does the same work and keeps none
    /// of it, so its summary is what a real run would change.
    /// </summary>
    Task<ImportSummary> ImportAsync(ImportStream data, ImportOptions options, CancellationToken cancellationToken = default);

    /// <summary>Every entity's key, kind and (for links) chain: what a merge import's rows may reference.</summary>
    Task<IReadOnlyDictionary<string, Seed.KnownEntity>> ReadKnownEntitiesAsync(CancellationToken cancellationToken = default);

    /// <summary>Entity, relationship and fact counts with the data version they were counted at.</summary>
    Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default);
}

public sealed record StoreCounts(long Entities, long Relationships, long Facts, long DataVersion);

public static class GraphStoreExtensions
{
    /// <summary>A plain import (no dry run, actor <c>cli</c>).</summary>
    public static Task<ImportSummary> ImportAsync(this IGraphStore store, GraphDataset dataset, ImportMode mode, CancellationToken cancellationToken = default) =>
        store.ImportAsync(ImportStream.Of(dataset), new ImportOptions(mode), cancellationToken);

    /// <summary>Imports a dataset already read and validated (see <see cref="IGraphStore.ImportAsync"/>).</summary>
    public static Task<ImportSummary> ImportAsync(this IGraphStore store, GraphDataset dataset, ImportOptions options, CancellationToken cancellationToken = default) =>
        store.ImportAsync(ImportStream.Of(dataset), options, cancellationToken);
}

/// <summary>
/// A snapshot's data version can no longer be read (a backend without snapshot reads saw a newer write land).
/// Nothing wrong was answered; the request may be retried and will read the new version.
/// </summary>
public sealed class DataVersionGoneException(long version, long current)
    : Exception($"data version {version} is no longer readable (the store is at {current}); retry the request")
{
    public long Version { get; } = version;

    public long Current { get; } = current;
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
    /// <summary>Placement records written new (suggestions, or records a dataset brings).</summary>
    public int PlacementsAdded { get; init; }

    /// <summary>Stored placement records that changed (a new score or evidence, a rejection suggested again on a changed basis).</summary>
    public int PlacementsUpdated { get; init; }

    /// <summary>Placement records removed: stale suggestions, those a replace lacks, those of removed entities.</summary>
    public int PlacementsRemoved { get; init; }

    public override string ToString() =>
        $"entities +{EntitiesAdded} ~{EntitiesUpdated} -{EntitiesRemoved}, relationships +{RelationshipsAdded} -{RelationshipsRemoved}, facts +{FactsAdded} -{FactsRemoved}"
        + (PlacementsAdded + PlacementsUpdated + PlacementsRemoved == 0 ? "" : $", placements +{PlacementsAdded} ~{PlacementsUpdated} -{PlacementsRemoved}");
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
