using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.Parks;

namespace IndustryGraph.Server.Organizations;

public sealed class OrganizationType : ObjectGraphType<Entity>
{
    public OrganizationType()
    {
        Name = "Organization";
        Description = "A park operator, investment group, fund or association.";
        this.AsEntityOfKind(EntityKind.Organization);
        this.RelatedList<ParkType>("parks", "Parks it operates (OPERATED_BY).", Direction.In, RelationshipTypes.OperatedBy, EntityKind.Park);
        this.RelatedOne<OrganizationType>("parent", "The group it is a subsidiary of.", Direction.Out, RelationshipTypes.SubsidiaryOf, EntityKind.Organization);
        this.RelatedList<EntityInterface>("subsidiaries", "Organizations and enterprises that are its subsidiaries.", Direction.In, RelationshipTypes.SubsidiaryOf);
    }
}
