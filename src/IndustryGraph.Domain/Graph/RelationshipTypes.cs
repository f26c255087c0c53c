namespace IndustryGraph.Domain.Graph;

/// <summary>The relationship vocabulary and which kinds each type may connect.</summary>
public static class RelationshipTypes
{
    public const string LocatedIn = "LOCATED_IN";
    public const string OperatedBy = "OPERATED_BY";
    public const string SubsidiaryOf = "SUBSIDIARY_OF";
    public const string WorksIn = "WORKS_IN";
    public const string InChain = "IN_CHAIN";
    public const string Leads = "LEADS";
    public const string Supplies = "SUPPLIES";
    public const string FocusesOn = "FOCUSES_ON";
    public const string Targets = "TARGETS";
    public const string Supports = "SUPPORTS";
    public const string PartnersWith = "PARTNERS_WITH";
    public const string PartOf = "PART_OF";

    /// <summary>Two links of different chains that are the same industry (curated): candidates cross chain boundaries through it.</summary>
    public const string EquivalentTo = "EQUIVALENT_TO";

    private static readonly Dictionary<string, (EntityKind From, EntityKind To)[]> Allowed = new(StringComparer.Ordinal)
    {
        [LocatedIn] =
        [
            (EntityKind.Park, EntityKind.District), (EntityKind.Enterprise, EntityKind.District),
            (EntityKind.ResearchPartner, EntityKind.District), (EntityKind.Organization, EntityKind.District),
            (EntityKind.Enterprise, EntityKind.Park), (EntityKind.ResearchPartner, EntityKind.Park),
            (EntityKind.Organization, EntityKind.Park), (EntityKind.Park, EntityKind.Park),
        ],
        [OperatedBy] = [(EntityKind.Park, EntityKind.Organization), (EntityKind.Park, EntityKind.Enterprise), (EntityKind.Park, EntityKind.ResearchPartner)],
        [SubsidiaryOf] =
        [
            (EntityKind.Organization, EntityKind.Organization), (EntityKind.Enterprise, EntityKind.Organization),
            (EntityKind.Enterprise, EntityKind.Enterprise), (EntityKind.ResearchPartner, EntityKind.Organization),
            (EntityKind.ResearchPartner, EntityKind.ResearchPartner),
        ],
        [WorksIn] = [(EntityKind.Enterprise, EntityKind.ChainLink)],
        [InChain] = [(EntityKind.Enterprise, EntityKind.IndustryChain)],
        [Leads] = [(EntityKind.Enterprise, EntityKind.IndustryChain)],
        [Supplies] = [(EntityKind.ChainLink, EntityKind.ChainLink)],
        [FocusesOn] = [(EntityKind.Park, EntityKind.IndustryChain), (EntityKind.District, EntityKind.IndustryChain)],
        [Targets] =
        [
            (EntityKind.Park, EntityKind.IndustryChain), (EntityKind.District, EntityKind.IndustryChain),
            (EntityKind.Organization, EntityKind.IndustryChain),
        ],
        [Supports] = [(EntityKind.ResearchPartner, EntityKind.IndustryChain), (EntityKind.ResearchPartner, EntityKind.ChainLink)],
        [PartnersWith] =
        [
            (EntityKind.ResearchPartner, EntityKind.Organization), (EntityKind.ResearchPartner, EntityKind.Park),
            (EntityKind.ResearchPartner, EntityKind.District), (EntityKind.ResearchPartner, EntityKind.Enterprise),
            (EntityKind.ResearchPartner, EntityKind.ResearchPartner), (EntityKind.Organization, EntityKind.Organization),
            (EntityKind.Organization, EntityKind.District), (EntityKind.Enterprise, EntityKind.Organization),
            (EntityKind.Enterprise, EntityKind.District), (EntityKind.Enterprise, EntityKind.Enterprise),
        ],
        [PartOf] = [(EntityKind.ChainLink, EntityKind.IndustryChain), (EntityKind.District, EntityKind.District)],
        [EquivalentTo] = [(EntityKind.ChainLink, EntityKind.ChainLink)],
    };

    public static IReadOnlyCollection<string> All => Allowed.Keys;

    public static bool IsKnown(string type) => Allowed.ContainsKey(type);

    public static bool Fits(string type, EntityKind from, EntityKind to) =>
        Allowed.TryGetValue(type, out var pairs) && pairs.Contains((from, to));

    public static string DescribeAllowed(string type) =>
        string.Join(", ", Allowed[type].Select(pair => $"{pair.From.ToCode()}→{pair.To.ToCode()}"));
}
