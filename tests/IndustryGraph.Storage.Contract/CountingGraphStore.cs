using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Contract;

/// <summary>
/// A decorator of the port that counts the calls made through it and its snapshots: every call is one round
/// trip to the backend, whichever adapter is wrapped, so batching is measured the same way on all of them.
/// </summary>
public sealed class CountingGraphStore(IGraphStore inner) : IGraphStore
{
    private long calls;

    public long RoundTrips => Interlocked.Read(ref calls);

    public string Location => inner.Location;

    public StorageFault? CheckStorage() => inner.CheckStorage();

    private T Count<T>(T result)
    {
        Interlocked.Increment(ref calls);
        return result;
    }

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => Count(inner.GetDataVersionAsync(cancellationToken));

    public Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Count(inner.GetEntitiesAsync(keys, cancellationToken));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Domain.Placements.PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default) =>
        Count(inner.GetPlacementsAsync(enterpriseKeys, cancellationToken));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Count(inner.GetFactsAsync(keys, cancellationToken));

    public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default) =>
        Count(inner.GetRelationshipsAsync(keys, direction, types, cancellationToken));

    public Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default) =>
        Count(inner.FindByNameAsync(text, kind, cancellationToken));

    public Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default) => Count(inner.ListEntitiesAsync(query, cancellationToken));

    public Task<IReadOnlyList<SearchMatch>> SearchAsync(string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default) =>
        Count(inner.SearchAsync(text, kinds, first, cancellationToken));

    public Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default) => Count(inner.ReadAllAsync(cancellationToken));

    public async Task<IGraphSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken = default) =>
        new CountingSnapshot(await Count(inner.OpenSnapshotAsync(cancellationToken)), this);

    public Task<ImportSummary> ImportAsync(ImportStream data, ImportOptions options, CancellationToken cancellationToken = default) =>
        Count(inner.ImportAsync(data, options, cancellationToken));

    public Task<IReadOnlyDictionary<string, KnownEntity>> ReadKnownEntitiesAsync(CancellationToken cancellationToken = default) =>
        Count(inner.ReadKnownEntitiesAsync(cancellationToken));

    public Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default) => Count(inner.CountAsync(cancellationToken));

    private sealed class CountingSnapshot(IGraphSnapshot inner, CountingGraphStore counter) : IGraphSnapshot
    {
        public long Version => inner.Version;

        public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) => counter.Count(inner.GetDataVersionAsync(cancellationToken));

        public Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            counter.Count(inner.GetEntitiesAsync(keys, cancellationToken));

        public Task<IReadOnlyDictionary<string, IReadOnlyList<Domain.Placements.PlacementRecord>>> GetPlacementsAsync(IReadOnlyCollection<string> enterpriseKeys, CancellationToken cancellationToken = default) =>
            counter.Count(inner.GetPlacementsAsync(enterpriseKeys, cancellationToken));

        public Task<IReadOnlyDictionary<string, IReadOnlyList<Fact>>> GetFactsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            counter.Count(inner.GetFactsAsync(keys, cancellationToken));

        public Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(
            IReadOnlyCollection<string> keys, Direction? direction, IReadOnlyCollection<string>? types, CancellationToken cancellationToken = default) =>
            counter.Count(inner.GetRelationshipsAsync(keys, direction, types, cancellationToken));

        public Task<IReadOnlyList<Entity>> FindByNameAsync(string text, EntityKind? kind, CancellationToken cancellationToken = default) =>
            counter.Count(inner.FindByNameAsync(text, kind, cancellationToken));

        public Task<EntityPage> ListEntitiesAsync(EntityListQuery query, CancellationToken cancellationToken = default) => counter.Count(inner.ListEntitiesAsync(query, cancellationToken));

        public Task<IReadOnlyList<SearchMatch>> SearchAsync(string text, IReadOnlyCollection<EntityKind>? kinds, int first, CancellationToken cancellationToken = default) =>
            counter.Count(inner.SearchAsync(text, kinds, first, cancellationToken));

        public Task<GraphDataset> ReadAllAsync(CancellationToken cancellationToken = default) => counter.Count(inner.ReadAllAsync(cancellationToken));

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

public static class GraphStoreDecoration
{
    /// <summary>Replaces the registered <see cref="IGraphStore"/> with <paramref name="wrap"/> of it (a test's decorator).</summary>
    public static IServiceCollection DecorateGraphStore(this IServiceCollection services, Func<IGraphStore, IGraphStore> wrap)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(IGraphStore));
        services.Remove(registered);
        services.AddSingleton(provider => wrap(registered.ImplementationInstance as IGraphStore
            ?? (IGraphStore)(registered.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        return services;
    }
}
