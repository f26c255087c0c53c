using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Districts;
using IndustryGraph.Server.Enterprises;
using IndustryGraph.Server.Entities;
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
        this.RelatedList<IndustryChainType>("chains", "Industry chains the park leads in or targets (FOCUSES_ON and TARGETS).", Direction.Out, ParkChains.FocusOrTarget);
        this.RelatedList<IndustryChainType>("focusChains", "Industry chains the park already leads in (主导产业, FOCUSES_ON).", Direction.Out, RelationshipTypes.FocusesOn);
        this.RelatedList<IndustryChainType>("targetChains", "Industry chains the park aims to attract (招商方向, TARGETS).", Direction.Out, RelationshipTypes.Targets);
        this.RelatedList<ResearchPartnerType>("researchPartners", "Research partners cooperating with the park (PARTNERS_WITH).", Direction.In, RelationshipTypes.PartnersWith, EntityKind.ResearchPartner);
    }
}

public static class ParkChains
{
    /// <summary>Either of the two ways a place relates to a chain.</summary>
    public const string FocusOrTarget = RelationshipTypes.FocusesOn + "|" + RelationshipTypes.Targets;
}
