using GraphQL;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.Analysis;

/// <summary>
/// Runs one analysis: takes the index at the request's data version, lets the field resolve its arguments against it, and answers
/// from the cache keyed by (data version, field, resolved arguments), so a change of data never meets an old answer.
/// </summary>
public sealed class AnalysisRunner(AnalysisIndexProvider provider, IMemoryCache cache, IOptions<AnalysisOptions> options) : IDisposable
{
    private readonly Lock gate = new();

    // Answers hold their snapshot's index: they leave the cache when a newer version comes, so a flood of writes
    // cannot keep an index per version alive for the whole cache duration.
    private (long Version, CancellationTokenSource Expiry) generation = (long.MinValue, new CancellationTokenSource());

    public int DefaultThreshold => options.Value.WeakThreshold;

    public void Dispose() => generation.Expiry.Dispose();

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

        try
        {
            var request = prepare(snapshot);
            if (options.Value.CacheDuration <= TimeSpan.Zero || ExpiryOf(snapshot.Version) is not { } expiry)
            {
                return request.Compute();
            }

            return cache.GetOrCreate($"{snapshot.Version}|{field}|{request.Key}", entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = options.Value.CacheDuration;
                entry.AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(expiry));
                // Counted as one entry, so the shared cache also works if a size limit is ever set on it.
                entry.Size = 1;
                return request.Compute();
            })!;
        }
        catch (AnalysisException exception)
        {
            throw new ApiError(exception.Error == AnalysisError.NotFound ? ErrorCodes.NotFound : ErrorCodes.BadUserInput,
                $"{field}: {exception.MessageIn(context.Text())}", exception.Suggestions);
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
