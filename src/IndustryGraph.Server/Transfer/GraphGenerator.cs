using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Server.Transfer;

/// <summary>How big a generated graph is.</summary>
public sealed record GraphSize(string Name, int Enterprises, int Parks, int Districts, int Chains, int LinksPerChain, int ResearchPartners, int Organizations)
{
    public static readonly GraphSize S = new("S", 2_000, 60, 10, 10, 12, 60, 30);
    public static readonly GraphSize M = new("M", 100_000, 1_000, 50, 30, 20, 1_000, 500);
    public static readonly GraphSize L = new("L", 1_000_000, 5_000, 100, 60, 20, 5_000, 2_000);

    public static GraphSize Parse(string name) => name.ToUpperInvariant() switch
    {
        "S" => S,
        "M" => M,
        "L" => L,
        _ => throw new ArgumentException($"unknown size '{name}': use S, M or L", nameof(name)),
    };
}

/// <summary>What a generator run wrote.</summary>
public sealed record GeneratedCounts(long Entities, long ChainLinks, long Relationships, long Facts)
{
    public long Rows => Entities + ChainLinks + Relationships + Facts;
}

/// <summary>
/// Writes a deterministic synthetic graph in the seed CSV format, streaming: rows are written as they are
/// drawn, and only the small lists (parks, links, chains) stay in memory. The same size and seed give the
/// same bytes. Park sizes follow a Zipf-like law: a few parks with thousands of enterprises, many with a handful.
/// </summary>
public sealed class GraphGenerator(GraphSize size, int seed)
{
    private const string NameCharacters =
        "华中原豫郑嵩航宇恒瑞鑫盛创新科技智能数据云联通达信安泰和康源宏远金银星光明辉煌博雅汇聚德隆兴旺凯辰泽润晟昊晨曦海天蓝鹏飞腾龙凤祥瑞宝玉石材磨具精密仪表电子微纳芯片光电能源动力机械装备制造医药生物农牧食品纺织物流";

    private static readonly string[] EnterpriseWords = ["科技", "电子", "材料", "智能", "精密", "新能源", "生物", "装备", "传感", "信息", "光电", "医药"];
    private static readonly string[] EnterpriseSuffixes = ["", "公司", "集团", "有限公司", "股份"];
    private static readonly string[] ParkSuffixes = ["产业园", "科技园", "工业园", "创新园", "孵化基地", "小微企业园"];
    private static readonly string[] PartnerSuffixes = ["研究院", "实验室", "大学", "研究所", "创新中心"];
    private static readonly string[] OrganizationSuffixes = ["投资集团", "发展公司", "产业基金", "城投集团"];
    private static readonly string[] DistrictSuffixes = ["区", "县", "新区", "市"];
    private static readonly string[] ChainDomains = ["智能", "新能源", "高端", "绿色", "数字", "生物"];
    private static readonly string[] ChainProducts = ["传感器", "汽车", "装备", "材料", "医药", "芯片", "电池", "显示", "机器人", "软件"];
    private static readonly string[] LinkWords =
    [
        "原材料", "关键材料", "芯片设计", "核心零部件", "专用装备", "元器件", "模组", "封装测试", "整机制造", "系统集成",
        "软件平台", "检测认证", "终端应用", "运维服务", "回收利用", "工业设计", "精密加工", "控制系统", "数据服务", "销售渠道",
    ];

    private static readonly string[] Sources = ["gen-article-1.txt", "gen-article-2.txt", "gen-article-3.txt"];
    private const string CuratedNote = "generated: synthetic data for load tests";

    private readonly Random random = new(seed);

    public GeneratedCounts WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        using var sources = new CsvFileWriter(Path.Combine(folder, SeedReader.SourcesFile), "key", "title", "publisher", "published", "note");
        using var entities = new CsvFileWriter(Path.Combine(folder, SeedReader.EntitiesFile), "key", "kind", "name", "aliases", "tags", "source", "paragraph", "note");
        using var links = new CsvFileWriter(Path.Combine(folder, SeedReader.ChainLinksFile), "key", "chain", "segment", "position", "name", "aliases", "source", "paragraph", "note");
        using var relationships = new CsvFileWriter(Path.Combine(folder, SeedReader.RelationshipsFile), "from", "type", "to", "source", "paragraph", "note");
        using var facts = new CsvFileWriter(Path.Combine(folder, SeedReader.FactsFile), "entity", "key", "value", "number", "unit", "as_of", "about", "source", "paragraph", "note");
        long entityRows = 0, linkRows = 0, relationshipRows = 0, factRows = 0;

        void Entity(string key, EntityKind kind, string name, string tags = "")
        {
            var (source, paragraph, note) = Provenance();
            entities.WriteRow(key, kind.ToCode(), name, "", tags, source, paragraph, note);
            entityRows++;
        }

        void Edge(string from, string type, string to)
        {
            var (source, paragraph, note) = Provenance();
            relationships.WriteRow(from, type, to, source, paragraph, note);
            relationshipRows++;
        }

        void Fact(string entity, string key, string value, string? asOf = null, string about = "")
        {
            var (source, paragraph, note) = Provenance();
            facts.WriteRow(entity, key, value, "", "", asOf ?? "", about, source, paragraph, note);
            factRows++;
        }

        for (var i = 0; i < Sources.Length; i++)
        {
            sources.WriteRow(Sources[i], $"生成的文章 {i + 1}", "IndustryGraph generator", "2025", $"synthetic source, size {size.Name}, seed {seed}");
        }

        var districts = Enumerable.Range(1, size.Districts).Select(i => $"d-{i:D3}").ToArray();
        foreach (var district in districts)
        {
            Entity(district, EntityKind.District, Name(2, 3) + Pick(DistrictSuffixes));
        }

        var chains = Enumerable.Range(1, size.Chains).Select(i => $"chain-{i:D2}").ToArray();
        var chainLinks = new string[size.Chains][];
        for (var c = 0; c < chains.Length; c++)
        {
            var product = ChainDomains[c / ChainProducts.Length % ChainDomains.Length] + ChainProducts[c % ChainProducts.Length];
            var chainName = c < ChainDomains.Length * ChainProducts.Length ? $"{product}产业链" : $"{product}产业链{c / (ChainDomains.Length * ChainProducts.Length) + 1}";
            Entity(chains[c], EntityKind.IndustryChain, chainName);
            Fact(chains[c], "annual_output_target", $"{random.Next(50, 2000)}亿元", "2025 target");
            chainLinks[c] = new string[size.LinksPerChain];
            for (var position = 1; position <= size.LinksPerChain; position++)
            {
                var key = $"link-{c + 1:D2}-{position:D2}";
                chainLinks[c][position - 1] = key;
                var segment = position <= size.LinksPerChain * 3 / 10 ? Segment.Upstream : position <= size.LinksPerChain * 7 / 10 ? Segment.Midstream : Segment.Downstream;
                var (source, paragraph, note) = Provenance();
                links.WriteRow(key, chains[c], segment.ToCode(), position.ToString(CultureInfo.InvariantCulture),
                    ChainProducts[c % ChainProducts.Length] + LinkWords[(position - 1) % LinkWords.Length], "", source, paragraph, note);
                linkRows++;
            }

            // The chain's internal flow: each link supplies the next, and some upstream links skip ahead.
            for (var position = 1; position < size.LinksPerChain; position++)
            {
                Edge(chainLinks[c][position - 1], RelationshipTypes.Supplies, chainLinks[c][position]);
                var skip = position + 1 + random.Next(1, 4);
                if (position <= size.LinksPerChain * 7 / 10 && skip <= size.LinksPerChain)
                {
                    Edge(chainLinks[c][position - 1], RelationshipTypes.Supplies, chainLinks[c][skip - 1]);
                }
            }
        }

        var organizations = Enumerable.Range(1, size.Organizations).Select(i => $"org-{i:D5}").ToArray();
        for (var i = 0; i < organizations.Length; i++)
        {
            Entity(organizations[i], EntityKind.Organization, Name(2, 4) + Pick(OrganizationSuffixes), random.Next(4) == 0 ? "state-owned" : "");
            Edge(organizations[i], RelationshipTypes.LocatedIn, Pick(districts));
            if (i > 0 && random.Next(5) == 0)
            {
                Edge(organizations[i], RelationshipTypes.SubsidiaryOf, organizations[random.Next(i)]);
            }
        }

        var parks = Enumerable.Range(1, size.Parks).Select(i => $"park-{i:D5}").ToArray();
        var parkSizes = new int[parks.Length];
        var cumulative = ZipfCumulative(parks.Length);
        int ParkOfEnterprise()
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble());
            return index < 0 ? Math.Min(~index, parks.Length - 1) : index;
        }

        for (var i = 0; i < parks.Length; i++)
        {
            Entity(parks[i], EntityKind.Park, Name(2, 4) + Pick(ParkSuffixes));
            Edge(parks[i], RelationshipTypes.LocatedIn, Pick(districts));
            if (random.Next(10) < 7)
            {
                Edge(parks[i], RelationshipTypes.OperatedBy, Pick(organizations));
            }

            var focus = random.Next(chains.Length);
            Edge(parks[i], RelationshipTypes.FocusesOn, chains[focus]);
            if (random.Next(3) == 0)
            {
                Edge(parks[i], RelationshipTypes.Targets, chains[(focus + 1 + random.Next(chains.Length - 1)) % chains.Length]);
            }

            Fact(parks[i], "land_area", $"{random.Next(5, 800) / 10.0:0.#}平方公里");
        }

        var partners = Enumerable.Range(1, size.ResearchPartners).Select(i => $"rp-{i:D5}").ToArray();
        foreach (var partner in partners)
        {
            var suffix = Pick(PartnerSuffixes);
            Entity(partner, EntityKind.ResearchPartner, Name(2, 5) + suffix, suffix == "大学" ? "university" : suffix == "实验室" ? "lab" : "institute");
            Edge(partner, RelationshipTypes.LocatedIn, random.Next(2) == 0 ? Pick(parks) : Pick(districts));
            var chain = random.Next(chains.Length);
            Edge(partner, RelationshipTypes.Supports, chains[chain]);
            Edge(partner, RelationshipTypes.Supports, Pick(chainLinks[chain]));
            Edge(partner, RelationshipTypes.PartnersWith, Pick(organizations));
        }

        for (var i = 1; i <= size.Enterprises; i++)
        {
            var key = $"ent-{i:D7}";
            var tags = random.Next(10) switch { 0 => "high-tech", 1 => "specialized", 2 => "high-tech|specialized", _ => "" };
            Entity(key, EntityKind.Enterprise, EnterpriseName(), tags);
            var park = ParkOfEnterprise();
            parkSizes[park]++;
            Edge(key, RelationshipTypes.LocatedIn, parks[park]);
            if (random.Next(10) < 3)
            {
                Edge(key, RelationshipTypes.LocatedIn, Pick(districts));
            }

            var chain = random.Next(chains.Length);
            var link = random.Next(size.LinksPerChain);
            Edge(key, RelationshipTypes.WorksIn, chainLinks[chain][link]);
            if (random.Next(2) == 0)
            {
                Edge(key, RelationshipTypes.WorksIn, chainLinks[chain][(link + 1 + random.Next(size.LinksPerChain - 1)) % size.LinksPerChain]);
            }

            if (random.Next(20_000) == 0)
            {
                Edge(key, RelationshipTypes.Leads, chains[chain]);
            }

            if (random.Next(5) == 0)
            {
                Fact(key, "revenue", $"约{random.Next(1, 500) / 10.0:0.#}亿元", "2024");
            }

            if (random.Next(5) == 0)
            {
                Fact(key, "employees", $"{random.Next(10, 5000)}人");
            }
        }

        for (var i = 0; i < parks.Length; i++)
        {
            Fact(parks[i], "enterprise_count", $"{parkSizes[i]}家", "2025");
        }

        // Drawn last, so the rest of a graph stays what the same seed always gave: park categories, and per
        // district a count of parks of one chain (a report of the chain there when its source is an article).
        for (var i = 0; i < parks.Length; i++)
        {
            Fact(parks[i], ParkCategories.FactKey, random.Next(10) switch { < 7 => "INDUSTRIAL_PARK", 7 => "SMALL_MICRO_PARK", 8 => "INCUBATOR", _ => "HEADQUARTERS" });
        }

        foreach (var district in districts)
        {
            Fact(district, "park_count", $"{random.Next(1, 12)}个", about: Pick(chains));
        }

        return new GeneratedCounts(entityRows, linkRows, relationshipRows, factRows);
    }

    private (string Source, string Paragraph, string Note) Provenance() =>
        random.Next(4) == 0
            ? ("curated", "", CuratedNote)
            : (Sources[random.Next(Sources.Length)], random.Next(1, 60).ToString(CultureInfo.InvariantCulture), "");

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private string Name(int min, int max)
    {
        var length = random.Next(min, max + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(NameCharacters[random.Next(NameCharacters.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>2 to 12 characters: a core, often an industry word, sometimes a company suffix.</summary>
    private string EnterpriseName()
    {
        var name = Name(2, 4);
        if (random.Next(3) > 0)
        {
            name += Pick(EnterpriseWords);
        }

        name += Pick(EnterpriseSuffixes);
        return name.Length > 12 ? name[..12] : name;
    }

    /// <summary>Cumulative shares of a Zipf-like law (weight 1/(rank+2)^1.1) over the parks.</summary>
    private static double[] ZipfCumulative(int count)
    {
        var weights = Enumerable.Range(0, count).Select(rank => 1 / Math.Pow(rank + 2, 1.1)).ToArray();
        var total = weights.Sum();
        var cumulative = new double[count];
        var running = 0.0;
        for (var i = 0; i < count; i++)
        {
            running += weights[i] / total;
            cumulative[i] = running;
        }

        return cumulative;
    }
}
