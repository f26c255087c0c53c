using System.Text.RegularExpressions;
using IndustryGraph.Server.GraphQL;
using Microsoft.Extensions.Options;

namespace IndustryGraph.Server.Hosting;

/// <summary>Which queue a request waits in for its turn to run.</summary>
public enum RequestLane
{
    /// <summary>Entity reads, lists, search, introspection, mutations: short work, each bounded by the cost rule.</summary>
    Quick,

    /// <summary>Chain analysis (its root fields) and the 招商清单: the work that can take seconds on a large graph.</summary>
    Analysis,
}

/// <summary>
/// The turns every request of real work takes (GraphQL and the 招商清单 alike): at most
/// <see cref="GraphQLLimits.MaxConcurrentRequests"/> run at once in each lane, so that a flood cannot take more memory
/// than that many requests need, and a cheap query never queues behind expensive ones. A request's clock (its
/// <see cref="GraphQLLimits.ExecutionTimeout"/>) covers its wait for a turn.
/// </summary>
public sealed partial class RequestGate(IOptions<GraphQLLimits> limits) : IDisposable
{
    private readonly SemaphoreSlim quick = new(Math.Max(1, limits.Value.MaxConcurrentRequests));
    private readonly SemaphoreSlim analysis = new(Math.Max(1, limits.Value.MaxConcurrentRequests));

    public TimeSpan TimeLimit => limits.Value.ExecutionTimeout;

    /// <summary>
    /// The lane a GraphQL text goes to, estimated from its text before it is parsed: any mention of an analysis
    /// root field sends it to the analysis lane (a comment or an alias with such a name only costs the asker a wait).
    /// </summary>
    public static RequestLane LaneOf(string? query) =>
        query is not null && AnalysisField().IsMatch(query) ? RequestLane.Analysis : RequestLane.Quick;

    /// <summary>Waits for a turn in the lane until <paramref name="cancellationToken"/> (the request's clock) ends; dispose the turn to give it back.</summary>
    public async Task<IDisposable> EnterAsync(RequestLane lane, CancellationToken cancellationToken)
    {
        var slots = lane == RequestLane.Analysis ? analysis : quick;
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(slots);
    }

    public void Dispose()
    {
        quick.Dispose();
        analysis.Dispose();
    }

    [GeneratedRegex(@"\b(chainGaps|chainMap|coverage|paths|whatIf|upstream|downstream)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AnalysisField();

    private sealed class Turn(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
