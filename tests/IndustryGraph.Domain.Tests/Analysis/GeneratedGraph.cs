using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>
/// A random graph in the shape of the real one (a city of districts and parks, chains of links with supplies
/// edges, enterprises placed in links and located in parks or districts, or nowhere), reproducible from a seed.
/// Supplies edges go both ways at random, so cycles occur; some parks have no district.
/// </summary>
public static class GeneratedGraph
{
    public static GraphDataset Create(int enterprises, int seed)
    {
        var random = new Random(seed);
        var curated = new[] { SourceRef.FromCuration("generated") };
        var article = new[] { SourceRef.FromDocument("generated.txt", 1) };
        var entities = new List<Entity>();
        var relationships = new List<Relationship>();
        void Add(string key, EntityKind kind, string name, ChainLinkPlacement? link = null, params string[] tags) =>
            entities.Add(new Entity(key, kind, name, [], tags, curated, link));
        void Relate(string from, string type, string to) =>
            relationships.Add(new Relationship(from, type, to, random.Next(4) == 0 ? article : curated));

        var districtCount = Math.Max(3, enterprises / 2000);
        var parkCount = Math.Max(4, enterprises / 200);
        var chainCount = Math.Max(3, Math.Min(60, enterprises / 100));
        Add("d-city", EntityKind.District, "city");
        for (var d = 0; d < districtCount; d++)
        {
            Add($"d-{d}", EntityKind.District, $"district {d}");
            Relate($"d-{d}", RelationshipTypes.PartOf, "d-city");
        }

        for (var p = 0; p < parkCount; p++)
        {
            Add($"park-{p}", EntityKind.Park, $"park {p}");
            if (random.Next(10) > 0)
            {
                Relate($"park-{p}", RelationshipTypes.LocatedIn, $"d-{random.Next(districtCount)}");
            }
        }

        var links = new List<string>();
        var linksOfChain = new List<string>[chainCount];
        for (var c = 0; c < chainCount; c++)
        {
            Add($"chain-{c}", EntityKind.IndustryChain, $"chain {c}");
            var count = random.Next(6, 13);
            linksOfChain[c] = [];
            for (var l = 0; l < count; l++)
            {
                var key = $"link-{c}-{l}";
                var segment = (Segment)(l * 3 / count);
                Add(key, EntityKind.ChainLink, $"link {c}.{l}", new ChainLinkPlacement($"chain-{c}", segment, l + 1));
                Relate(key, RelationshipTypes.PartOf, $"chain-{c}");
                linksOfChain[c].Add(key);
                links.Add(key);
            }

            var pairs = new HashSet<(int, int)>();
            for (var e = 0; e < count * 2; e++)
            {
                var (a, b) = (random.Next(count), random.Next(count));
                if (a != b && pairs.Add((a, b)))
                {
                    Relate(linksOfChain[c][a], RelationshipTypes.Supplies, linksOfChain[c][b]);
                }
            }
        }

        for (var e = 0; e < enterprises; e++)
        {
            var key = $"ent-{e}";
            var tags = random.Next(5) == 0 ? new[] { "high-tech" } : random.Next(50) == 0 ? ["anchor"] : [];
            Add(key, EntityKind.Enterprise, $"enterprise {e}", null, tags);
            switch (random.Next(10))
            {
                case < 5:
                    Relate(key, RelationshipTypes.LocatedIn, $"park-{random.Next(parkCount)}");
                    break;
                case < 8:
                    Relate(key, RelationshipTypes.LocatedIn, $"d-{random.Next(districtCount)}");
                    break;
                case 8:
                    Relate(key, RelationshipTypes.LocatedIn, $"park-{random.Next(parkCount)}");
                    Relate(key, RelationshipTypes.LocatedIn, $"d-{random.Next(districtCount)}");
                    break;
                default:
                    break;
            }

            var chain = random.Next(chainCount);
            foreach (var link in linksOfChain[chain].OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
            {
                Relate(key, RelationshipTypes.WorksIn, link);
            }

            if (random.Next(40) == 0)
            {
                Relate(key, RelationshipTypes.Leads, $"chain-{chain}");
            }
        }

        for (var r = 0; r < Math.Max(3, enterprises / 500); r++)
        {
            var key = $"rp-{r}";
            Add(key, EntityKind.ResearchPartner, $"lab {r}");
            Relate(key, RelationshipTypes.LocatedIn, $"d-{random.Next(districtCount)}");
            Relate(key, RelationshipTypes.Supports, random.Next(2) == 0 ? links[random.Next(links.Count)] : $"chain-{random.Next(chainCount)}");
            Relate(key, RelationshipTypes.PartnersWith, $"park-{random.Next(parkCount)}");
        }

        // What articles say of places: chains reported present (counts, clusters, stated focus), targets, and stated
        // enterprise counts; some curated, which are not reports. A few parks sit inside other parks.
        var facts = new List<Fact>();
        var places = Enumerable.Range(0, districtCount).Select(d => $"d-{d}").Concat(Enumerable.Range(0, parkCount).Select(p => $"park-{p}")).ToList();
        string[] reportKeys = ["park_count", "enterprise_count", "cluster", "output_target"];
        for (var f = 0; f < places.Count * 2; f++)
        {
            var place = places[random.Next(places.Count)];
            var key = reportKeys[random.Next(reportKeys.Length)];
            var about = random.Next(5) == 0 ? linksOfChain[random.Next(chainCount)][0] : $"chain-{random.Next(chainCount)}";
            var number = random.Next(1, 200);
            facts.Add(new Fact(place, key, $"{number}个", number, "个", null, random.Next(3) == 0 ? curated : article) { About = [about] });
            if (random.Next(3) == 0)
            {
                Relate(place, RelationshipTypes.FocusesOn, $"chain-{random.Next(chainCount)}");
            }

            if (random.Next(2) == 0)
            {
                facts.Add(new Fact(place, "enterprise_count", $"{number}家", number, "家", $"202{random.Next(5)}", random.Next(4) == 0 ? curated : article));
            }
        }

        for (var p = 1; p < parkCount; p += 7)
        {
            Relate($"park-{p}", RelationshipTypes.LocatedIn, $"park-{p - 1}");
        }

        return new GraphDataset(entities, facts, relationships);
    }
}
