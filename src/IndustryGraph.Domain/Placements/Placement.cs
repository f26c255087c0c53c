namespace IndustryGraph.Domain.Placements;

/// <summary>
/// Where a placement of an enterprise in a chain link comes from. SOURCED and CURATED placements are WORKS_IN
/// relationships (an article states it, or curated knowledge says so); the other three are placement records:
/// computed from the register (SUGGESTED) or decided by a planner (CONFIRMED, REJECTED).
/// </summary>
public enum PlacementKind
{
    Sourced,
    Curated,
    Suggested,
    Confirmed,
    Rejected,
}

/// <summary>What a piece of placement evidence matched: the industry code, a word of the business scope (经营范围), or the name.</summary>
public enum PlacementEvidenceKind
{
    Code,
    Word,
    Name,
}

/// <summary>
/// One match behind a suggestion. For <see cref="PlacementEvidenceKind.Word"/> and <see cref="PlacementEvidenceKind.Name"/>,
/// <see cref="Start"/> and <see cref="Length"/> are UTF-16 positions in the business scope or the name, so a page can
/// highlight them; for a code they are 0 and the code's length, and <see cref="Text"/> is the GB/T 4754 code.
/// </summary>
public sealed record PlacementEvidence(PlacementEvidenceKind Kind, string Text, int Start, int Length);

/// <summary>
/// A stored placement of an enterprise in a chain link: suggested by the register import, or decided by a planner.
/// One record per (enterprise, link).
/// </summary>
public sealed record PlacementRecord(
    string EnterpriseKey,
    string LinkKey,
    PlacementKind Kind,
    double? Score,
    IReadOnlyList<PlacementEvidence> Evidence)
{
    /// <summary>
    /// A fingerprint of what the suggestion was computed from (the business scope and the industry code). A
    /// rejection holds while a later import computes the same basis; a changed basis suggests again.
    /// </summary>
    public string? Basis { get; init; }

    /// <summary>Who confirmed or rejected it (an API key's name, or <c>cli</c>); null for a suggestion.</summary>
    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>A planner's decision on one (enterprise, link): <see cref="PlacementKind.Confirmed"/> or <see cref="PlacementKind.Rejected"/>.</summary>
public sealed record PlacementDecision(string EnterpriseKey, string LinkKey, PlacementKind Decision);

/// <summary>
/// The rules a store keeps when an import brings suggestions for an enterprise (written once here, so every
/// adapter keeps the same ones; adapters may apply them in their own query language with the same outcome).
/// </summary>
public static class PlacementMerge
{
    /// <summary>
    /// What becomes of the stored record <paramref name="stored"/> (null when none) when an import suggests
    /// <paramref name="suggested"/> for the same (enterprise, link): a confirmation stays confirmed with the new
    /// score and evidence; a rejection stays rejected while the basis is unchanged and is suggested again when it
    /// changed; anything else becomes the new suggestion.
    /// </summary>
    public static PlacementRecord Merge(PlacementRecord? stored, PlacementRecord suggested)
    {
        if (stored is null)
        {
            return suggested;
        }

        return stored.Kind switch
        {
            PlacementKind.Confirmed => suggested with { Kind = PlacementKind.Confirmed, DecidedBy = stored.DecidedBy, DecidedAt = stored.DecidedAt },
            PlacementKind.Rejected when stored.Basis == suggested.Basis => stored,
            _ => suggested,
        };
    }

    /// <summary>
    /// Whether a stored record of an enterprise the import suggests for stays when the import no longer suggests
    /// it for that link: decisions stay (they are a planner's), stale suggestions go.
    /// </summary>
    public static bool KeepsWhenNotSuggested(PlacementRecord stored) => stored.Kind is PlacementKind.Confirmed or PlacementKind.Rejected;
}
