using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;

namespace IndustryGraph.Domain.Tests.Search;

public sealed class NameSearchIndexTests
{
    private const string Alphabet = "郑州装备医药智能科技电子材料中原精密产业园华";
    private static readonly EntityKind[] Kinds = [EntityKind.Enterprise, EntityKind.Enterprise, EntityKind.Enterprise, EntityKind.Park, EntityKind.ChainLink, EntityKind.IndustryChain];

    /// <summary>Names drawn from a small alphabet, so thousands share every short text, with aliases, repeats and separators.</summary>
    private static List<Entity> Generate(int count, int seed)
    {
        var random = new Random(seed);
        string Name() => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
        return Enumerable.Range(0, count).Select(i => new Entity(
            $"e{i:D5}", Kinds[random.Next(Kinds.Length)],
            random.Next(20) == 0 ? Name() + "·" + Name() : Name(),
            random.Next(4) == 0 ? [Name()] : [], [], [])).ToList();
    }

    private static NameSearchIndex IndexOf(List<Entity> entities) => NameSearchIndex.Build(entities.SelectMany((entity, id) =>
        entity.Names.Distinct(StringComparer.OrdinalIgnoreCase).Select((name, position) => new NamedEntity(id, entity.Kind, entity.Key, name, position > 0))));

    [Fact]
    public void The_best_first_matches_are_exactly_those_of_a_full_scan()
    {
        var entities = Generate(20_000, seed: 7);
        var index = IndexOf(entities);
        var random = new Random(3);
        var texts = Enumerable.Range(0, 300).Select(i =>
        {
            var name = entities[random.Next(entities.Count)].Name.Replace("·", "", StringComparison.Ordinal);
            var length = Math.Min(name.Length, 1 + (i % 4));
            var start = random.Next(name.Length - length + 1);
            return name.Substring(start, length);
        }).Append("不存在").Append("郑州装备").ToList();
        var checkedTexts = 0;
        foreach (var text in texts)
        {
            foreach (var (kinds, first) in new[] { ((IReadOnlyCollection<EntityKind>?)null, 20), (null, 1), ([EntityKind.Park, EntityKind.IndustryChain], 7) })
            {
                var expected = NameMatch.BestByScan(entities, text, kinds, first);
                var actual = index.Search(text, kinds, first).Select(hit => hit.Rank.Key).ToList();
                Assert.True(expected.SequenceEqual(actual), $"'{text}' first {first}: expected {string.Join(",", expected)} got {string.Join(",", actual)}");
                checkedTexts++;
            }
        }

        Assert.Equal(texts.Count * 3, checkedTexts);
    }

    [Fact]
    public void An_exact_name_comes_first_and_a_chain_before_its_link_of_the_same_name()
    {
        List<Entity> entities =
        [
            new("link", EntityKind.ChainLink, "智能传感器", [], [], []),
            new("ent", EntityKind.Enterprise, "智能传感器有限公司", [], [], []),
            new("chain", EntityKind.IndustryChain, "智能传感器", [], [], []),
            new("short", EntityKind.Enterprise, "传感器", [], [], []),
        ];
        var hits = IndexOf(entities).Search("智能传感器", null, 10);
        Assert.Equal(["chain", "link", "ent"], hits.Select(hit => hit.Rank.Key));
        Assert.Equal([MatchTier.Exact, MatchTier.Exact, MatchTier.Prefix], hits.Select(hit => hit.Rank.Tier));
    }
}
