namespace IndustryGraph.Domain.Graph;

/// <summary>What kind of place a park is, from the fact with key <see cref="ParkCategories.FactKey"/> on the park.</summary>
public enum ParkCategory
{
    /// <summary>An industrial park: land and buildings for production.</summary>
    IndustrialPark,

    /// <summary>A small and micro enterprise park (小微企业园), often multi-storey factories (工业上楼).</summary>
    SmallMicroPark,

    /// <summary>An incubator, accelerator or 众创空间.</summary>
    Incubator,

    /// <summary>A headquarters building or commercial complex: offices, not production.</summary>
    Headquarters,

    /// <summary>A policy zone (a free-trade or pilot zone): a label over other places, hosting no industry itself.</summary>
    PolicyZone,

    /// <summary>A new town or large development area that holds parks of its own.</summary>
    NewTown,
}

public static class ParkCategories
{
    public const string FactKey = "category";

    public static IReadOnlyList<ParkCategory> All { get; } = Enum.GetValues<ParkCategory>();

    public static string ToCode(this ParkCategory category) => category switch
    {
        ParkCategory.IndustrialPark => "INDUSTRIAL_PARK",
        ParkCategory.SmallMicroPark => "SMALL_MICRO_PARK",
        ParkCategory.Incubator => "INCUBATOR",
        ParkCategory.Headquarters => "HEADQUARTERS",
        ParkCategory.PolicyZone => "POLICY_ZONE",
        ParkCategory.NewTown => "NEW_TOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static bool TryParse(string text, out ParkCategory category)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToCode(), text.Trim(), StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }

    /// <summary>Headquarters buildings host offices and a policy zone is a label over other places: neither hosts production.</summary>
    public static bool HostsIndustry(this ParkCategory category) => category is not (ParkCategory.Headquarters or ParkCategory.PolicyZone);

    /// <summary>The park's category from its facts, or null when none is given.</summary>
    public static ParkCategory? Of(IEnumerable<Fact> facts) =>
        facts.Where(fact => fact.Key == FactKey && fact.About.Count == 0).Select(fact => TryParse(fact.Value, out var category) ? category : (ParkCategory?)null).FirstOrDefault(category => category is not null);
}
