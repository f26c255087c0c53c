using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>
/// A small graph whose answers are worked out by hand in the tests. Chain X: L1, L2 (UPSTREAM) → L3 (MIDSTREAM)
/// ⇄ L4 (DOWNSTREAM), a cycle between L3 and L4. Chain Y has links and no enterprise anywhere.
/// <code>
/// city ⊃ d-one ⊃ park-one (operated by org-one)     e1 (park-one): L1 (article), L3; LEADS X; listed
///                                                    e2 (d-one):    L3
/// city ⊃ d-two ⊃ park-two (operated by org-one)     e3 (park-two): L1, L2; high-tech
///                                                    e6 (park-two): no link; IN_CHAIN X
///                                                    e7 (d-two):    L3, L4; high-tech
/// park-orphan (no district)                          e4 (park-orphan): L4
/// nowhere                                            e5: L2
/// rp-one (d-one) SUPPORTS L2; rp-two (park-two) SUPPORTS X; rp-three PARTNERS_WITH park-one and park-two
/// </code>
/// </summary>
public static class FixtureGraph
{
    public static readonly SourceRef Article = SourceRef.FromDocument("article.txt", 3);
    public static readonly SourceRef Curated = SourceRef.FromCuration("fixture");

    public static GraphDataset Build()
    {
        var entities = new List<Entity>
        {
            Place("d-city", EntityKind.District, "城市"),
            Place("d-one", EntityKind.District, "一区"),
            Place("d-two", EntityKind.District, "二区"),
            Place("park-one", EntityKind.Park, "一号园"),
            Place("park-two", EntityKind.Park, "二号园"),
            Place("park-orphan", EntityKind.Park, "孤园"),
            Place("org-one", EntityKind.Organization, "运营集团"),
            Place("chain-x", EntityKind.IndustryChain, "X链", "chain x"),
            Place("chain-y", EntityKind.IndustryChain, "Y链"),
            Link("link-x-1", "chain-x", Segment.Upstream, 1, "L1"),
            Link("link-x-2", "chain-x", Segment.Upstream, 2, "L2"),
            Link("link-x-3", "chain-x", Segment.Midstream, 3, "L3"),
            Link("link-x-4", "chain-x", Segment.Downstream, 4, "L4"),
            Link("link-y-1", "chain-y", Segment.Upstream, 1, "Y1"),
            Link("link-y-2", "chain-y", Segment.Downstream, 2, "Y2"),
            Enterprise("ent-1", "E1", "listed"),
            Enterprise("ent-2", "E2"),
            Enterprise("ent-3", "E3", "high-tech"),
            Enterprise("ent-4", "E4"),
            Enterprise("ent-5", "E5"),
            Enterprise("ent-6", "E6"),
            Enterprise("ent-7", "E7", "high-tech"),
            Place("rp-one", EntityKind.ResearchPartner, "R1"),
            Place("rp-two", EntityKind.ResearchPartner, "R2"),
            Place("rp-three", EntityKind.ResearchPartner, "R3"),
        };

        var relationships = new List<Relationship>
        {
            Edge("d-one", RelationshipTypes.PartOf, "d-city"),
            Edge("d-two", RelationshipTypes.PartOf, "d-city"),
            Edge("park-one", RelationshipTypes.LocatedIn, "d-one"),
            Edge("park-two", RelationshipTypes.LocatedIn, "d-two"),
            Edge("park-one", RelationshipTypes.OperatedBy, "org-one"),
            Edge("park-two", RelationshipTypes.OperatedBy, "org-one"),
            Edge("link-x-1", RelationshipTypes.Supplies, "link-x-3"),
            Edge("link-x-2", RelationshipTypes.Supplies, "link-x-3"),
            Edge("link-x-3", RelationshipTypes.Supplies, "link-x-4"),
            Edge("link-x-4", RelationshipTypes.Supplies, "link-x-3"),
            Edge("link-y-1", RelationshipTypes.Supplies, "link-y-2"),
            Edge("ent-1", RelationshipTypes.LocatedIn, "park-one"),
            Edge("ent-1", RelationshipTypes.WorksIn, "link-x-1", Article),
            Edge("ent-1", RelationshipTypes.WorksIn, "link-x-3"),
            Edge("ent-1", RelationshipTypes.Leads, "chain-x", Article),
            Edge("ent-2", RelationshipTypes.LocatedIn, "d-one"),
            Edge("ent-2", RelationshipTypes.WorksIn, "link-x-3"),
            Edge("ent-3", RelationshipTypes.LocatedIn, "park-two"),
            Edge("ent-3", RelationshipTypes.WorksIn, "link-x-1"),
            Edge("ent-3", RelationshipTypes.WorksIn, "link-x-2"),
            Edge("ent-4", RelationshipTypes.LocatedIn, "park-orphan"),
            Edge("ent-4", RelationshipTypes.WorksIn, "link-x-4"),
            Edge("ent-5", RelationshipTypes.WorksIn, "link-x-2"),
            Edge("ent-6", RelationshipTypes.LocatedIn, "park-two"),
            Edge("ent-6", RelationshipTypes.InChain, "chain-x", Article),
            Edge("ent-7", RelationshipTypes.LocatedIn, "d-two"),
            Edge("ent-7", RelationshipTypes.WorksIn, "link-x-3"),
            Edge("ent-7", RelationshipTypes.WorksIn, "link-x-4"),
            Edge("rp-one", RelationshipTypes.LocatedIn, "d-one"),
            Edge("rp-one", RelationshipTypes.Supports, "link-x-2"),
            Edge("rp-two", RelationshipTypes.LocatedIn, "park-two"),
            Edge("rp-two", RelationshipTypes.Supports, "chain-x", Article),
            Edge("rp-three", RelationshipTypes.PartnersWith, "park-one"),
            Edge("rp-three", RelationshipTypes.PartnersWith, "park-two"),
        };
        relationships.AddRange(entities.Where(entity => entity.Link is not null)
            .Select(link => Edge(link.Key, RelationshipTypes.PartOf, link.Link!.ChainKey)));
        return new GraphDataset(entities, [], relationships);
    }

    private static Entity Place(string key, EntityKind kind, string name, params string[] aliases) =>
        new(key, kind, name, aliases, [], [Curated]);

    private static Entity Enterprise(string key, string name, params string[] tags) =>
        new(key, EntityKind.Enterprise, name, [], tags, [Curated]);

    private static Entity Link(string key, string chain, Segment segment, int position, string name) =>
        new(key, EntityKind.ChainLink, name, [], [], [Curated], new ChainLinkPlacement(chain, segment, position));

    private static Relationship Edge(string from, string type, string to, SourceRef? source = null) =>
        new(from, type, to, [source ?? Curated]);
}
