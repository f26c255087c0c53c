using System.Diagnostics;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Server.Analysis;

/// <summary>One immutable index of the whole graph at a data version, and the analysis over it.</summary>
public sealed record AnalysisSnapshot(long Version, GraphIndex Index, ChainAnalysis Analysis, TimeSpan BuildTime);

/// <summary>
/// Holds the current analysis snapshot. A query asks for the index at its own pinned data version; when that is
/// the store's latest and the index is older, one rebuild runs (requests that need the new version share it),
/// and the new snapshot replaces the old one in a single swap. A query that began before a write landed still
/// gets its own version: built from its snapshot, for it alone. Nobody sees a half-built index.
/// </summary>
public sealed class AnalysisIndexProvider(IGraphStore store, ILogger<AnalysisIndexProvider> logger, Microsoft.Extensions.Options.IOptions<AnalysisOptions> options)
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

    /// <summary>The index at <paramref name="pinned"/>'s version (a query's), or at the latest version when null (a mutation's, the warm-up's).</summary>
    public async Task<AnalysisSnapshot> GetAsync(IGraphSnapshot? pinned, CancellationToken cancellationToken = default)
    {
        if (pinned is null)
        {
            return await GetLatestAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Volatile.Read(ref current) is { } held && held.Version == pinned.Version)
        {
            return held;
        }

        var latest = await GetLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest.Version == pinned.Version)
        {
            return latest;
        }

        // The store moved on since this query began: its own version, from its own snapshot, not kept.
        await CheckSizeAsync().ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        var index = GraphIndex.Build(await pinned.ReadAllAsync(cancellationToken).ConfigureAwait(false));
        logger.LogInformation("analysis index for data version {Version} (a query that began before version {Latest}) built in {Milliseconds:0.0} ms",
            pinned.Version, latest.Version, stopwatch.Elapsed.TotalMilliseconds);
        return new AnalysisSnapshot(pinned.Version, index, new ChainAnalysis(index), stopwatch.Elapsed);
    }

    public async Task<AnalysisSnapshot> GetLatestAsync(CancellationToken cancellationToken = default)
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

    /// <summary>The index holds the whole graph in memory: past <see cref="AnalysisOptions.InMemoryLimit"/> rows analysis is refused, not attempted.</summary>
    private async Task CheckSizeAsync()
    {
        var counts = await store.CountAsync().ConfigureAwait(false);
        var rows = counts.Entities + counts.Relationships + counts.Facts;
        if (rows > options.Value.InMemoryLimit)
        {
            throw new AnalysisTooLargeException(rows, options.Value.InMemoryLimit);
        }
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
            version = reads.Version;
            await CheckSizeAsync().ConfigureAwait(false);
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
            var collecting = Stopwatch.StartNew();
            if (index.EntityCount >= LargeGraph)
            {
                // The whole-graph read's buffers are garbage now: give them back to the system instead of keeping
                // the heap at its peak.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            logger.LogInformation("analysis index for data version {Version}: {Entities} entities, {Edges} relationships, read in {ReadMilliseconds:0} ms, built in {Milliseconds:0.0} ms, memory collected in {CollectMilliseconds:0} ms",
                version, index.EntityCount, index.EdgeCount, readTime.TotalMilliseconds, snapshot.BuildTime.TotalMilliseconds, collecting.Elapsed.TotalMilliseconds);
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
        _ = provider.GetLatestAsync(CancellationToken.None).ContinueWith(
            task =>
            {
                if (task.Exception?.InnerException is AnalysisTooLargeException tooLarge)
                {
                    // The server still serves entities; analysis fields will say why they cannot answer.
                    logger.LogWarning("analysis index not built: {Reason}", tooLarge.Message);
                }
                else
                {
                    logger.LogError(task.Exception, "building the analysis index at start failed; the first analysis request retries");
                }
            },
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
    /// The most bytes the answer cache holds, each answer counted at the most it can come to hold
    /// (<see cref="AnswerSize"/>); a new answer that does not fit is answered and not kept, and older ones are
    /// evicted. 64 MB by default (`Analysis__CacheBytes`).
    /// </summary>
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The most rows (entities + relationships + facts) the in-memory index loads from the store, whichever
    /// adapter. Measured at L (4.27 M rows, SQLite): the index holds about 390 MB (~90 bytes a row) and the load peaks
    /// near 650 MB of process memory; an adapter handing over one object per relationship (Neo4j) peaks higher, so
    /// the default 5,000,000 is kept with room for that. Beyond it analysis fields answer
    /// ANALYSIS_TOO_LARGE; traversals pushed down to Cypher for such graphs are not implemented.
    /// </summary>
    public long InMemoryLimit { get; set; } = 5_000_000;

    /// <summary>
    /// How long an analysis field waits for the index being built (at start, or after a write) before it answers
    /// ANALYSIS_INDEX_BUILDING, an error to retry. Below the request time limit (30 s), so a client gets this
    /// retryable answer rather than TIMEOUT.
    /// </summary>
    public TimeSpan IndexWait { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>The graph has more rows than the in-memory analysis index may load.</summary>
public sealed class AnalysisTooLargeException(long rows, long limit)
    : Exception($"the graph has {rows:N0} rows, more than Analysis:InMemoryLimit ({limit:N0}) allows the in-memory analysis index to load; raise the limit on a machine with the memory for it");
