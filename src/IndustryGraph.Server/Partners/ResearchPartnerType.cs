using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;

namespace IndustryGraph.Server.Partners;

public sealed class ResearchPartnerType : ObjectGraphType<Entity>
{
    public ResearchPartnerType()
    {
        Name = "ResearchPartner";
        Description = "A lab, university, institute or innovation platform that works with parks and chains.";
        this.AsEntityOfKind(EntityKind.ResearchPartner);
        this.RelatedList<EntityInterface>("supports", "Industry chains and chain links it supports (SUPPORTS).", Direction.Out, RelationshipTypes.Supports);
        this.RelatedList<EntityInterface>("partners", "Organizations, parks and districts it cooperates with (PARTNERS_WITH).", Direction.Out, RelationshipTypes.PartnersWith);
        this.RelatedList<EntityInterface>("locatedIn", "Parks and districts it is located in.", Direction.Out, RelationshipTypes.LocatedIn);
    }
}
