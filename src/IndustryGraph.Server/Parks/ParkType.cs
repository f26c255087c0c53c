using GraphQL;
using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Districts;
using IndustryGraph.Server.Enterprises;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Organizations;
using IndustryGraph.Server.Partners;

namespace IndustryGraph.Server.Parks;

public sealed class ParkType : ObjectGraphType<Entity>
{
    public ParkType()
    {
        Name = "Park";
        Description = "An industrial park, enterprise park or zone (产业园, 小微企业园, 科教园区).";
        this.AsEntityOfKind(EntityKind.Park);
        this.RelatedOne<DistrictType>("district", "The district the park is in.", Direction.Out, RelationshipTypes.LocatedIn, EntityKind.District);
        this.RelatedOne<OrganizationType>("operator", "Who develops and runs the park (its OPERATED_BY organization).", Direction.Out, RelationshipTypes.OperatedBy);
        this.RelatedConnection<EnterpriseType>("enterprises", "Enterprises located in the park, by name.", Direction.In, RelationshipTypes.LocatedIn, EntityKind.Enterprise);
        Field<ParkCategoryEnum>("category")
            .Description("What kind of place the park is (its `category` fact): only INDUSTRIAL_PARK, SMALL_MICRO_PARK, INCUBATOR and NEW_TOWN host production; chain analysis of a HEADQUARTERS or POLICY_ZONE park says so. Null when not recorded.")
            .Resolve(context => context.Reader().Facts(context.Source.Key).Then(facts => ParkCategories.Of(facts)));
        this.RelatedList<IndustryChainType>("chains", "Industry chains the park leads in or targets (FOCUSES_ON and TARGETS) together. Deprecated: presence and targets are different answers; use focusChains, targetChains or reports.", Direction.Out, ParkChains.FocusOrTarget)
            .DeprecationReason("Mixes chains present and chains targeted: use focusChains (and reports) or targetChains.");
        this.RelatedList<IndustryChainType>("focusChains", "Industry chains the park already leads in (主导产业, FOCUSES_ON).", Direction.Out, RelationshipTypes.FocusesOn);
        this.RelatedList<IndustryChainType>("targetChains", "Industry chains the park aims to attract (招商方向, TARGETS).", Direction.Out, RelationshipTypes.Targets);
        this.RelatedList<ResearchPartnerType>("researchPartners", "Research partners cooperating with the park (PARTNERS_WITH).", Direction.In, RelationshipTypes.PartnersWith, EntityKind.ResearchPartner);
        this.AddPlaceReports("What the articles state is present in the park (and the parks inside it): counts of parks or enterprises of a chain, clusters, leading industries. Not targets: those are targetChains and the `_target` facts.");
    }
}

public sealed class ParkCategoryEnum : EnumerationGraphType<ParkCategory>
{
    public ParkCategoryEnum()
    {
        Name = "ParkCategory";
        Description = "What kind of place a park is.";
        this.DescribeValues(
            ("INDUSTRIAL_PARK", "An industrial park: land and buildings for production (产业园)."),
            ("SMALL_MICRO_PARK", "A small and micro enterprise park (小微企业园), often multi-storey factories (工业上楼)."),
            ("INCUBATOR", "An incubator, accelerator or makerspace (孵化器, 众创空间)."),
            ("HEADQUARTERS", "A headquarters building or commercial complex (总部楼宇, 商业综合体): it hosts offices, not production."),
            ("POLICY_ZONE", "A policy zone (e.g. a free-trade or pilot zone): a label over other places, hosting no industry of its own."),
            ("NEW_TOWN", "A new town or large development area holding parks of its own (新城, 科学城)."));
    }
}

public static class ParkChains
{
    /// <summary>Either of the two ways a place relates to a chain.</summary>
    public const string FocusOrTarget = RelationshipTypes.FocusesOn + "|" + RelationshipTypes.Targets;
}
