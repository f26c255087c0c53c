using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Audit;

/// <summary>
/// One recorded change: who made it (an API key's name, or <c>cli</c> for imports), when, what (action, entity
/// and field), the value before and after, and the provenance the change was made with.
/// </summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? EntityKey,
    string? Field,
    string? Before,
    string? After,
    SourceRef? Provenance);

/// <summary>Filters of the audit trail (all optional) and a keyset page, newest first.</summary>
public sealed record AuditQuery
{
    public string? EntityKey { get; init; }

    public string? Actor { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Continue after the entry with this id (entries come newest first).</summary>
    public long? AfterId { get; init; }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int TotalCount, bool HasNext);

/// <summary>The audit trail's port: the store writes entries with each change, in the change's transaction.</summary>
public interface IAuditTrail
{
    Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> entries with an id above <paramref name="afterId"/>, oldest first (for <c>migrate</c>).</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAfterAsync(long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes entries as they are, by id, in one transaction: an id the trail holds already is left as it is, and
    /// entries written later get ids above every id written here. Writing the same entries again changes nothing.
    /// </summary>
    Task WriteAuditAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default);
}
