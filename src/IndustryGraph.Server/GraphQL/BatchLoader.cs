using GraphQL.DataLoader;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// Collects the keys that one level of a query asks for and fetches them with one call. The engine resolves
/// every field of a level first (each calling <see cref="Load"/>), then awaits the results concurrently: the
/// first await starts the batch's fetch, under a lock, and every other result of that batch shares its task.
/// Values are cached for the rest of the request.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, TValue> cache = [];
    private Batch? pending;

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (gate)
        {
            if (cache.TryGetValue(key, out var cached))
            {
                return new ReadyResult<TValue?>(cached);
            }

            pending ??= new Batch(this);
            pending.Keys.Add(key);
            return new BatchResult(pending, key);
        }
    }

    /// <summary>Loads several keys in one batch; the result lists the values found, in the order of the keys.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var results = keys.Distinct().Select(Load).ToList();
        return new ManyResult(results);
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> Start(Batch batch, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (batch.Fetch is null)
            {
                if (ReferenceEquals(pending, batch))
                {
                    pending = null;
                }

                batch.Fetch = FetchAndCacheAsync(batch.Keys, cancellationToken);
            }

            return batch.Fetch;
        }
    }

    private async Task<IReadOnlyDictionary<TKey, TValue>> FetchAndCacheAsync(HashSet<TKey> keys, CancellationToken cancellationToken)
    {
        var values = await fetch(keys, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            foreach (var (key, value) in values)
            {
                cache[key] = value;
            }
        }

        return values;
    }

    private sealed class Batch(BatchLoader<TKey, TValue> loader)
    {
        public BatchLoader<TKey, TValue> Loader { get; } = loader;

        public HashSet<TKey> Keys { get; } = [];

        public Task<IReadOnlyDictionary<TKey, TValue>>? Fetch { get; set; }
    }

    private sealed class ManyResult(List<IDataLoaderResult<TValue?>> results) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new List<TValue>(results.Count);
            foreach (var result in results)
            {
                if (await result.GetResultAsync(cancellationToken).ConfigureAwait(false) is { } value)
                {
                    values.Add(value);
                }
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class BatchResult(Batch batch, TKey key) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = await batch.Loader.Start(batch, cancellationToken).ConfigureAwait(false);
            return values.TryGetValue(key, out var value) ? value : default;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A value already at hand, shaped as a loader result.</summary>
public sealed class ReadyResult<T>(T value) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
}

public static class DataLoaderResultExtensions
{
    /// <summary>Maps a result once it is there.</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) =>
        new MappedResult<TIn, TOut>(result, map);

    /// <summary>
    /// Continues with a second load once the first is there. The engine queues the returned result again, so the
    /// second loads of all siblings form one batch too.
    /// </summary>
    public static IDataLoaderResult<IDataLoaderResult<TOut>> ThenLoad<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, IDataLoaderResult<TOut>> next) =>
        new MappedResult<TIn, IDataLoaderResult<TOut>>(result, next);

    private sealed class MappedResult<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
