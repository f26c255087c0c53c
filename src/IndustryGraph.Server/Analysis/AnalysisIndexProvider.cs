using System.Diagnostics;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Server.Analysis;

/// <summary>One immutable index of the whole graph at a data version, and the analysis over it.</summary>
public sealed record AnalysisSnapshot(long Version, GraphIndex Index, ChainAnalysis Analysis, TimeSpan BuildTime);

/// <summary>
/// Holds the current analysis snapshot. Each request checks the store's data version; when it changed, one
/// rebuild runs (requests that need the new version share it), and the new snapshot replaces the old one in a
/// single swap. Requests already holding the old snapshot finish on it; nobody sees a half-built index.
/// </summary>
public sealed class AnalysisIndexProvider(IGraphStore store, ILogger<AnalysisIndexProvider> logger)
{
    // A write that lands during each of these rebuilds sends the next request to rebuild again; the bound only stops a livelock.
    private const int MaxRebuildsPerRequest = 3;

    private readonly Lock gate = new();
    private AnalysisSnapshot? current;
    private Task<AnalysisSnapshot>? rebuilding;
    private int builds;

    /// <summary>How many times the index was built; tests use it to see that a change of data triggers exactly one rebuild.</summary>
    public int BuildCount => Volatile.Read(ref builds);

    public AnalysisSnapshot? Current => Volatile.Read(ref current);

    public async Task<AnalysisSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        AnalysisSnapshot? built = null;
        for (var attempt = 0; attempt < MaxRebuildsPerRequest; attempt++)
        {
            var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = Volatile.Read(ref current);
            if (snapshot is not null && snapshot.Version == version)
            {
                return snapshot;
            }

            Task<AnalysisSnapshot> task;
            lock (gate)
            {
                task = rebuilding ??= Task.Run(RebuildAsync, CancellationToken.None);
            }

            built = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (built.Version == version)
            {
                return built;
            }
        }

        return built!;
    }

    private const int LargeGraph = 100_000;

    /// <summary>Version and data from one store snapshot, so the index is labelled with exactly the version it holds; the dataset dies with this call.</summary>
    private async Task<(long Version, GraphIndex Index, TimeSpan ReadTime, TimeSpan BuildTime)> LoadAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        long version;
        GraphDataset dataset;
        await using (var reads = await store.OpenSnapshotAsync().ConfigureAwait(false))
        {
            version = await reads.GetDataVersionAsync().ConfigureAwait(false);
            dataset = await reads.ReadAllAsync().ConfigureAwait(false);
        }

        var readTime = stopwatch.Elapsed;
        stopwatch.Restart();
        return (version, GraphIndex.Build(dataset), readTime, stopwatch.Elapsed);
    }

    private async Task<AnalysisSnapshot> RebuildAsync()
    {
        try
        {
            var (version, index, readTime, buildTime) = await LoadAsync().ConfigureAwait(false);
            var snapshot = new AnalysisSnapshot(version, index, new ChainAnalysis(index), buildTime);
            Interlocked.Exchange(ref current, snapshot);
            Interlocked.Increment(ref builds);
            if (index.EntityCount >= LargeGraph)
            {
                // The whole-graph read (larger than the index it fed) is garbage now: give it back to the system
                // instead of keeping the heap at its peak.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            logger.LogInformation("analysis index for data version {Version}: {Entities} entities, {Edges} relationships, read in {ReadMilliseconds:0} ms, built in {Milliseconds:0.0} ms",
                version, index.EntityCount, index.EdgeCount, readTime.TotalMilliseconds, snapshot.BuildTime.TotalMilliseconds);
            return snapshot;
        }
        finally
        {
            lock (gate)
            {
                rebuilding = null;
            }
        }
    }
}

/// <summary>
/// Starts building the index when the server starts, without holding up listening: lists, search and entity
/// fields answer at once, and analysis fields wait for the build (see <see cref="AnalysisOptions.IndexWait"/>).
/// </summary>
public sealed class AnalysisIndexWarmup(AnalysisIndexProvider provider, ILogger<AnalysisIndexWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = provider.GetAsync(CancellationToken.None).ContinueWith(
            task => logger.LogError(task.Exception, "building the analysis index at start failed; the first analysis request retries"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class AnalysisOptions
{
    /// <summary>A link with at least one but fewer enterprises than this in a scope is WEAK; queries may override it.</summary>
    public int WeakThreshold { get; set; } = ChainAnalysis.DefaultThreshold;

    /// <summary>How long an answer is cached (per data version); zero turns the cache off (benchmarks: `Analysis__CacheDuration=0`).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an analysis field waits for the index being built (at start, or after a write) before it answers
    /// ANALYSIS_INDEX_BUILDING, an error to retry. Below the request time limit (30 s), so a client gets this
    /// retryable answer rather than TIMEOUT.
    /// </summary>
    public TimeSpan IndexWait { get; set; } = TimeSpan.FromSeconds(20);
}
