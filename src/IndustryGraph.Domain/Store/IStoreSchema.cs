namespace IndustryGraph.Domain.Store;

/// <summary>
/// The constraints and indexes a server-side store needs before it is used (<c>neo4j schema</c>, <c>neo4j init</c>).
/// An embedded store applies its own schema when it opens, so only adapters of a separate database register this.
/// </summary>
public interface IStoreSchema
{
    /// <summary>The statements, each idempotent, in the order they are applied.</summary>
    IReadOnlyList<string> Statements { get; }

    Task ApplyAsync(CancellationToken cancellationToken = default);
}
