using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.Parks;
using IndustryGraph.Server.Partners;

namespace IndustryGraph.Server.Districts;

public sealed class DistrictType : ObjectGraphType<Entity>
{
    public DistrictType()
    {
        Name = "District";
        Description = "A district, county or development zone of Zhengzhou (区, 县, 开发区), or the city itself.";
        this.AsEntityOfKind(EntityKind.District);
        this.RelatedConnection<ParkType>("parks", "Parks in the district, by name.", Direction.In, RelationshipTypes.LocatedIn, EntityKind.Park);
        this.RelatedList<IndustryChainType>("chains", "Industry chains the district leads in or targets (FOCUSES_ON and TARGETS).", Direction.Out, ParkChains.FocusOrTarget);
        this.RelatedList<ResearchPartnerType>("researchPartners", "Research partners located in the district.", Direction.In, RelationshipTypes.LocatedIn, EntityKind.ResearchPartner);
        this.RelatedOne<DistrictType>("parent", "The larger area it is part of (the city for a district).", Direction.Out, RelationshipTypes.PartOf, EntityKind.District);
        this.RelatedList<DistrictType>("subdistricts", "Districts that are part of this one.", Direction.In, RelationshipTypes.PartOf, EntityKind.District);
    }
}
