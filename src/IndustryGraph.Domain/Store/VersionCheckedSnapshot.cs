using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Store;

/// <summary>
/// A snapshot for a backend that cannot hold one committed version open across requests (Neo4j's HTTP API
/// reads committed data per statement). Every write bumps the data version in its own transaction, so when the
/// version read after a read is still <see cref="Version"/>, no write committed since the snapshot was opened and
/// the read saw exactly that version; otherwise the read is refused with <see cref="DataVersionGoneException"/>.
/// </summary>
public sealed class VersionCheckedSnapshot(IGraphReads live, long version) : IGraphSnapshot
{
    public long Version => version;

    public static async Task<IGraphSnapshot> OpenAsync(IGraphReads live, CancellationToken cancellationToken) =>
        new VersionCheckedSnapshot(live, await live.GetDataVersionAsync(cancellationToken).ConfigureAwait(false));

    private async Task<T> CheckedAsync<T>(Task<T> read, CancellationToken cancellationToken)
    {
        var result = await read.ConfigureAwait(false);
        var now = await live.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        return now == version ? result : throw new DataVersionGoneException(version, now);
    }

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(version);

    public Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.GetEntitiesAsync(keys, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Placements.PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.GetPlacementsAsync(enterpriseKeys, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.GetFactsAsync(keys, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.GetRelationshipsAsync(keys, direction, types, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.FindByNameAsync(text, kind, cancellationToken), cancellationToken);

    public Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.ListEntitiesAsync(query, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<SearchMatch>> SearchAsync(string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default) =>
        CheckedAsync(live.SearchAsync(text, kinds, first, cancellationToken), cancellationToken);

    public Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default) =>
        CheckedAsync(live.ReadAllAsync(cancellationToken), cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
