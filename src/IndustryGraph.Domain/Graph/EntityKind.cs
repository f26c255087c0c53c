namespace IndustryGraph.Domain.Graph;

public enum EntityKind
{
    District,
    Park,
    Enterprise,
    IndustryChain,
    ChainLink,
    ResearchPartner,
    Organization,
    SourceDocument,
}

public enum Segment
{
    Upstream,
    Midstream,
    Downstream,
}

public enum Direction
{
    Out,
    In,
}

public static class EntityKindNames
{
    private static readonly Dictionary<string, EntityKind> ByCode = Enum.GetValues<EntityKind>()
        .ToDictionary(ToCode, kind => kind, StringComparer.Ordinal);

    /// <summary>The SCREAMING_SNAKE code used in CSV files and the API (INDUSTRY_CHAIN).</summary>
    public static string ToCode(this EntityKind kind) => kind switch
    {
        EntityKind.District => "DISTRICT",
        EntityKind.Park => "PARK",
        EntityKind.Enterprise => "ENTERPRISE",
        EntityKind.IndustryChain => "INDUSTRY_CHAIN",
        EntityKind.ChainLink => "CHAIN_LINK",
        EntityKind.ResearchPartner => "RESEARCH_PARTNER",
        EntityKind.Organization => "ORGANIZATION",
        EntityKind.SourceDocument => "SOURCE_DOCUMENT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string code, out EntityKind kind) => ByCode.TryGetValue(code.Trim().ToUpperInvariant(), out kind);

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static string ToCode(this Segment segment) => segment.ToString().ToUpperInvariant();

    public static bool TryParseSegment(string code, out Segment segment) =>
        Enum.TryParse(code.Trim(), ignoreCase: true, out segment) && Enum.IsDefined(segment) && !int.TryParse(code, out _);
}
