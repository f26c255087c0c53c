using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Analysis;
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
        this.RelatedList<IndustryChainType>("chains", "Industry chains the district leads in or targets (FOCUSES_ON and TARGETS) together. Deprecated: presence and targets are different answers.", Direction.Out, ParkChains.FocusOrTarget)
            .DeprecationReason("Mixes chains present and chains targeted: use focusChains (and reports) or targetChains.");
        this.RelatedList<IndustryChainType>("focusChains", "Industry chains the district already leads in (主导产业, FOCUSES_ON; stated or curated). What articles report present is `reports`.", Direction.Out, RelationshipTypes.FocusesOn);
        this.RelatedList<IndustryChainType>("targetChains", "Industry chains the district aims to attract or build (要培育, 力争, 将打造: TARGETS). A target is not presence.", Direction.Out, RelationshipTypes.Targets);
        this.AddPlaceReports("What the articles state is present in the district or its parks: counts of parks or enterprises of a chain, clusters, leading industries. Not targets: those are targetChains and the `_target` facts.");
        this.RelatedList<ResearchPartnerType>("researchPartners", "Research partners located in the district.", Direction.In, RelationshipTypes.LocatedIn, EntityKind.ResearchPartner);
        this.RelatedOne<DistrictType>("parent", "The larger area it is part of (the city for a district).", Direction.Out, RelationshipTypes.PartOf, EntityKind.District);
        this.RelatedList<DistrictType>("subdistricts", "Districts that are part of this one.", Direction.In, RelationshipTypes.PartOf, EntityKind.District);
    }
}
