using GraphQL.DataLoader;
using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Chains;
using IndustryGraph.Server.Districts;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Organizations;
using IndustryGraph.Server.Parks;

namespace IndustryGraph.Server.Enterprises;

public sealed class EnterpriseType : ObjectGraphType<Entity>
{
    public EnterpriseType()
    {
        Name = "Enterprise";
        Description = "A company (企业).";
        this.AsEntityOfKind(EntityKind.Enterprise);
        this.RelatedList<ParkType>("parks", "Parks the enterprise is located in.", Direction.Out, RelationshipTypes.LocatedIn, EntityKind.Park);
        Field<DistrictType>("district")
            .Description("The district the enterprise is in: stated directly, or else the district of its park.")
            .Resolve(context =>
            {
                var reader = context.Reader();
                return reader.RelatedEntities(context.Source.Key, Direction.Out, RelationshipTypes.LocatedIn).Then(inner => inner.ThenLoad(places =>
                {
                    var district = places.FirstOrDefault(place => place.Kind == EntityKind.District);
                    if (district is not null)
                    {
                        return new ReadyResult<IDataLoaderResult<Entity?>>(new ReadyResult<Entity?>(district));
                    }

                    var park = places.FirstOrDefault(place => place.Kind == EntityKind.Park);
                    return park is null
                        ? new ReadyResult<IDataLoaderResult<Entity?>>(new ReadyResult<Entity?>(null))
                        : reader.RelatedEntity(park.Key, Direction.Out, RelationshipTypes.LocatedIn, EntityKind.District);
                }));
            });
        this.RelatedList<ChainLinkType>("chainLinks", "The chain links the enterprise works in (WORKS_IN; see each relationship's sources for whether it is curated).", Direction.Out, RelationshipTypes.WorksIn, EntityKind.ChainLink);
        this.RelatedList<IndustryChainType>("chains", "Industry chains an article ties the enterprise to, or that it leads (IN_CHAIN and LEADS).", Direction.Out, RelationshipTypes.InChain + "|" + RelationshipTypes.Leads, EntityKind.IndustryChain);
        this.RelatedList<IndustryChainType>("leads", "Chains the enterprise is an anchor (链主, 龙头) of.", Direction.Out, RelationshipTypes.Leads, EntityKind.IndustryChain);
        this.RelatedOne<OrganizationType>("parentOrganization", "The group it belongs to (SUBSIDIARY_OF).", Direction.Out, RelationshipTypes.SubsidiaryOf);
    }
}
