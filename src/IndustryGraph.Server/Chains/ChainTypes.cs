using GraphQL.Types;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Enterprises;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Parks;
using IndustryGraph.Server.Partners;
using IndustryGraph.Server.Vocabulary;

namespace IndustryGraph.Server.Chains;

public sealed class IndustryChainType : ObjectGraphType<Entity>
{
    public IndustryChainType()
    {
        Name = "IndustryChain";
        Description = "An industry chain (产业链) with its links from upstream to downstream.";
        this.AsEntityOfKind(EntityKind.IndustryChain);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChainLinkType>>>>("links")
            .Description("The chain's links in chain order: upstream first.")
            .Resolve(context => context.Reader().RelatedEntities(context.Source.Key, Direction.In, RelationshipTypes.PartOf, EntityKind.ChainLink)
                .Then(inner => inner.Then(links => links.OrderBy(link => link.Link?.Segment).ThenBy(link => link.Link?.Position).ThenBy(link => link.Key, StringComparer.Ordinal).ToList())));
        this.RelatedList<EnterpriseType>("leaders", "Anchor enterprises (链主, 龙头) of the chain (LEADS).", Direction.In, RelationshipTypes.Leads, EntityKind.Enterprise);
        this.RelatedList<EnterpriseType>("enterprises", "Enterprises an article ties to the chain without naming a link (IN_CHAIN and LEADS). Enterprises in links are on each link.", Direction.In, RelationshipTypes.InChain + "|" + RelationshipTypes.Leads, EntityKind.Enterprise);
        this.RelatedList<EntityInterface>("places", "Parks and districts that lead in or target the chain, together. Deprecated: presence and targets are different answers.", Direction.In, ParkChains.FocusOrTarget)
            .DeprecationReason("Mixes places where the chain is and places that aim for it: use focusPlaces (and reportedIn) or targetPlaces.");
        this.RelatedList<EntityInterface>("focusPlaces", "Parks and districts that already lead in the chain (FOCUSES_ON, stated or curated).", Direction.In, RelationshipTypes.FocusesOn);
        this.RelatedList<EntityInterface>("targetPlaces", "Parks, districts and organizations that aim to attract or build the chain (TARGETS).", Direction.In, RelationshipTypes.Targets);
        this.AddChainEvidence();
        this.RelatedList<ResearchPartnerType>("researchPartners", "Research partners supporting the chain as a whole.", Direction.In, RelationshipTypes.Supports, EntityKind.ResearchPartner);
    }
}

public sealed class ChainLinkType : ObjectGraphType<Entity>
{
    public ChainLinkType()
    {
        Name = "ChainLink";
        Description = "A link (环节) of an industry chain, in its UPSTREAM, MIDSTREAM or DOWNSTREAM segment.";
        this.AsEntityOfKind(EntityKind.ChainLink);
        Field<NonNullGraphType<SegmentEnum>>("segment").Description("UPSTREAM, MIDSTREAM or DOWNSTREAM.").Resolve(context => context.Source.Link!.Segment);
        this.LabelField("segmentLabel", "The segment in words (上游, 中游, 下游).", context => context.SegmentLabel(context.Source.Link!.Segment));
        Field<NonNullGraphType<IntGraphType>>("position").Description("The link's order in its chain, 1 = most upstream.").Resolve(context => context.Source.Link!.Position);
        Field<NonNullGraphType<IndustryChainType>>("chain").Description("The chain the link belongs to.")
            .Resolve(context => context.Reader().Entity(context.Source.Link!.ChainKey));
        this.RelatedConnection<EnterpriseType>("enterprises", "Enterprises working in this link (WORKS_IN), by name.", Direction.In, RelationshipTypes.WorksIn, EntityKind.Enterprise);
        this.RelatedList<ChainLinkType>("upstream", "Links that supply this one (one SUPPLIES step up).", Direction.In, RelationshipTypes.Supplies, EntityKind.ChainLink);
        this.RelatedList<ChainLinkType>("downstream", "Links this one supplies (one SUPPLIES step down).", Direction.Out, RelationshipTypes.Supplies, EntityKind.ChainLink);
        this.RelatedList<ResearchPartnerType>("researchPartners", "Research partners supporting this link.", Direction.In, RelationshipTypes.Supports, EntityKind.ResearchPartner);
    }
}
