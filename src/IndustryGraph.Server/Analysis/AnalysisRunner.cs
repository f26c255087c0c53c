using System.Collections;
using System.Runtime.CompilerServices;
using GraphQL;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.Analysis;

/// <summary>
/// Runs one analysis: takes the index at the request's data version, lets the field resolve its arguments against it, and answers
/// from the cache keyed by (data version, field, resolved arguments), so a change of data never meets an old answer.
/// The cache is bounded in bytes (<see cref="AnalysisOptions.CacheBytes"/>): each answer counts the bytes it can
/// come to hold (<see cref="AnswerSize"/>), its lazily computed parts included.
/// </summary>
public sealed class AnalysisRunner(AnalysisIndexProvider provider, IOptions<AnalysisOptions> options) : IDisposable
{
    private readonly Lock gate = new();
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheBytes), TrackStatistics = true });

    // Answers hold their snapshot's index: they leave the cache when a newer version comes, so a flood of writes
    // cannot keep an index per version alive for the whole cache duration.
    private (long Version, CancellationTokenSource Expiry) generation = (long.MinValue, new CancellationTokenSource());

    public int DefaultThreshold => options.Value.WeakThreshold;

    /// <summary>The estimated bytes of the answers the cache holds now; never above <see cref="AnalysisOptions.CacheBytes"/>.</summary>
    public long CachedBytes => cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>How many answers the cache holds now.</summary>
    public long CachedAnswers => cache.Count;

    /// <summary>The most links any chain of the current index has: what <c>chainGaps</c> and a supply trace can list (the cost rule counts with it).</summary>
    public double MostLinksInAChain => provider.Current is { } snapshot ? IndexFigures.Of(snapshot.Index).MostLinks : CostRule.PlainListEstimate;

    public void Dispose()
    {
        generation.Expiry.Dispose();
        cache.Dispose();
    }

    /// <summary>The token that expires the answers of this version, or null for a version already superseded.</summary>
    private CancellationToken? ExpiryOf(long version)
    {
        lock (gate)
        {
            if (version > generation.Version)
            {
                var superseded = generation.Expiry;
                generation = (version, new CancellationTokenSource());
                superseded.Cancel();
                superseded.Dispose();
            }

            return version == generation.Version ? generation.Expiry.Token : null;
        }
    }

    public async Task<T> RunAsync<T>(IResolveFieldContext context, string field, Func<AnalysisSnapshot, AnalysisRequest<T>> prepare, CancellationToken cancellationToken)
        where T : notnull
    {
        AnalysisSnapshot snapshot;
        try
        {
            snapshot = await provider.ForRequestAsync(context).WaitAsync(options.Value.IndexWait, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalysisTooLargeException exception)
        {
            throw new ApiError(ErrorCodes.AnalysisTooLarge, $"{field}: {exception.Message}");
        }
        catch (TimeoutException)
        {
            throw new ApiError(ErrorCodes.AnalysisIndexBuilding,
                $"{field}: the analysis index is still being built (waited {options.Value.IndexWait.TotalSeconds:0} s); retry in a few seconds");
        }

        var chinese = context.Text().Language == AnalysisLanguage.Chinese;
        CheckReferenceLengths(context, field, IndexFigures.Of(snapshot.Index).LongestName, chinese);
        var unknownNames = context.RequestServices?.GetService<UnknownNameBudget>() ?? new UnknownNameBudget();
        try
        {
            var request = unknownNames.Resolve(field, chinese, () => prepare(snapshot));
            if (options.Value.CacheDuration <= TimeSpan.Zero || ExpiryOf(snapshot.Version) is not { } expiry)
            {
                return request.Compute();
            }

            var key = $"{snapshot.Version}|{field}|{request.Key}";
            if (cache.TryGetValue(key, out T? known) && known is not null)
            {
                return known;
            }

            var answer = request.Compute();
            using var entry = cache.CreateEntry(key);
            entry.Value = answer;
            entry.AbsoluteExpirationRelativeToNow = options.Value.CacheDuration;
            entry.AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(expiry));
            entry.Size = AnswerSize.Of(answer, snapshot.Index);
            return answer;
        }
        catch (AnalysisException exception)
        {
            throw new ApiError(exception.Error == AnalysisError.NotFound ? ErrorCodes.NotFound : ErrorCodes.BadUserInput,
                $"{field}: {exception.MessageIn(context.Text())}", exception.Suggestions);
        }
    }

    /// <summary>A reference longer than every name, alias, key and id of the graph names nothing: refused before any look-up.</summary>
    private static void CheckReferenceLengths(IResolveFieldContext context, string field, int longestName, bool chinese)
    {
        if (context.Arguments is not { } arguments)
        {
            return;
        }

        foreach (var (argument, value) in arguments)
        {
            foreach (var (path, text) in Texts(argument, value.Value))
            {
                if (text.Length > longestName)
                {
                    throw new ApiError(ErrorCodes.BadUserInput, chinese
                        ? $"{field}: 参数 {path} 有 {text.Length} 个字符，比图中任何名称、别名、键或 id 都长（最长 {longestName}），不可能指向任何实体"
                        : $"{field}: {path} is {text.Length} characters long, longer than any name, alias, key or id in the graph ({longestName}): it cannot name anything");
                }
            }
        }
    }

    private static IEnumerable<(string Path, string Text)> Texts(string path, object? value)
    {
        switch (value)
        {
            case string text:
                yield return (path, text);
                break;
            case ScopeArgument scope:
                foreach (var (name, text) in new[] { ("park", scope.Park), ("district", scope.District) })
                {
                    if (text is not null)
                    {
                        yield return ($"{path}.{name}", text);
                    }
                }

                break;
            case IDictionary<string, object?> map:
                foreach (var (key, item) in map)
                {
                    foreach (var found in Texts($"{path}.{key}", item))
                    {
                        yield return found;
                    }
                }

                break;
            case IEnumerable list:
                var at = 0;
                foreach (var item in list)
                {
                    foreach (var found in Texts($"{path}[{at++}]", item))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    /// <summary>Figures of one index the runner checks requests against, worked out once per index.</summary>
    private sealed class IndexFigures
    {
        private static readonly ConditionalWeakTable<GraphIndex, IndexFigures> Known = [];

        private IndexFigures(GraphIndex index)
        {
            var entities = index.EntitiesOfKind(null).ToList();
            var longestKey = entities.Count == 0 ? 0 : entities.Max(entity => entity.Key.Length);
            // An API id encodes the kind and the key; allow for the encoding and for spaces around a name.
            LongestName = Math.Max(entities.Count == 0 ? 0 : entities.Max(entity => entity.Names.Max(name => name.Length)), (longestKey * 2) + 32) + 16;
            MostLinks = Math.Max(1, entities.Where(entity => entity.Kind == EntityKind.IndustryChain).Select(chain => index.LinksOf(index.IdOf(chain)).Length).DefaultIfEmpty(1).Max());
        }

        public int LongestName { get; }

        public int MostLinks { get; }

        public static IndexFigures Of(GraphIndex index) => Known.GetValue(index, key => new IndexFigures(key));
    }
}

/// <summary>
/// How many references that name nothing (or several things) one request may resolve: each one scans every name for suggestions, so a
/// request of a hundred unknown names would hold its slot for the whole clock on a large graph. Past the budget an
/// analysis field answers at once without looking its names up.
/// </summary>
public sealed class UnknownNameBudget
{
    public const int PerRequest = 3;

    // The fields of one request resolve their names one at a time, so the budget is exact under parallel execution.
    private readonly Lock gate = new();
    private int spent;

    /// <summary>Runs <paramref name="resolve"/> (an analysis's argument resolution) while the budget lasts, counting a reference that names nothing against it.</summary>
    public T Resolve<T>(string field, bool chinese, Func<T> resolve)
    {
        lock (gate)
        {
            if (spent >= PerRequest)
            {
                throw new ApiError(ErrorCodes.BadUserInput, chinese
                    ? $"{field}: 本次请求已有 {PerRequest} 个名称找不到或不唯一，其余名称不再查找：请先更正这些名称"
                    : $"{field}: {PerRequest} names in this request already named nothing (or more than one thing); the rest are not looked up: correct those first");
            }

            try
            {
                return resolve();
            }
            catch (AnalysisException exception) when (exception.Error == AnalysisError.NotFound)
            {
                spent++;
                throw;
            }
        }
    }
}

/// <summary>An analysis with its arguments resolved: the cache key they make, and how to compute the answer.</summary>
public sealed record AnalysisRequest<T>(string Key, Func<T> Compute);

/// <summary>The ScopeInput argument as given: a park and/or a district, each an id, key, name or alias.</summary>
public sealed class ScopeArgument
{
    public string? Park { get; set; }

    public string? District { get; set; }

    public AnalysisScope Resolve(GraphIndex index, string argument) => ScopeResolver.Resolve(index, Park, District, argument);
}

public static class RequestAnalysis
{
    /// <summary>The analysis index at the request's data version (a query's pinned one; the latest for a mutation).</summary>
    public static async Task<AnalysisSnapshot> ForRequestAsync(this AnalysisIndexProvider provider, IResolveFieldContext context)
    {
        var pinned = context.RequestServices?.GetService<GraphReader>() is { } reader
            ? await reader.SnapshotAsync(context.CancellationToken).ConfigureAwait(false)
            : null;
        return await provider.GetAsync(pinned, context.CancellationToken).ConfigureAwait(false);
    }
}
