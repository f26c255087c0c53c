namespace IndustryGraph.Domain.Cancellation;

/// <summary>
/// The cancellation of the request the current work is for (its clock, or its client going away), carried with the
/// async flow, so that long loops deep in name resolution and analysis can stop without every signature on the
/// way taking a token. Outside a request it is never cancelled.
/// </summary>
public static class WorkCancellation
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>How many steps a loop may take between two looks at the token: a look costs a read of the async flow.</summary>
    public const int StepsBetweenChecks = 256;

    public static CancellationToken Token => Current.Value;

    /// <summary>Makes <paramref name="token"/> the current work's cancellation for the rest of this async flow.</summary>
    public static void Set(CancellationToken token) => Current.Value = token;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current work's request is cancelled.</summary>
    public static void ThrowIfCancelled() => Current.Value.ThrowIfCancellationRequested();

    /// <summary>On the first step and every <see cref="StepsBetweenChecks"/>th after it, the same as <see cref="ThrowIfCancelled()"/>.</summary>
    public static void ThrowIfCancelled(int step)
    {
        if (step % StepsBetweenChecks == 1)
        {
            ThrowIfCancelled();
        }
    }
}
