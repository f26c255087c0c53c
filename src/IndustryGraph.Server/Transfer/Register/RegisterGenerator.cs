using System.Globalization;
using System.Text;
using IndustryGraph.Domain.Register;
using IndustryGraph.Domain.Seed;
using MiniExcelLibs;

namespace IndustryGraph.Server.Transfer.Register;

/// <summary>
/// A synthetic register export in the columns of <see cref="RegisterHeader"/>, deterministic by seed: invented
/// names; valid credit codes, some with a wrong check character; districts written several ways, some only in
/// the address, a few outside the city; GB/T 4754 names from the shipped table; long 经营范围 built from the
/// product words of the seed's chain links, with the usual noise (unrelated items, 销售/批发/技术咨询 of things the
/// company does not make); traders, consultancies, park operators, restaurants (some with a technology word in
/// the name), holding companies; deregistered rows, former names and repeated credit codes.
/// </summary>
public sealed class RegisterGenerator
{
    private const string Syllables = "华中原豫郑嵩航宇恒瑞鑫盛创新智联通达信安泰和康源宏远金银星光明辉博雅汇聚德隆兴旺凯辰泽润晟昊晨曦海天蓝鹏飞腾龙凤祥宝玉精微纳能动力诚拓展丰益正启航睿卓越";
    private const string Surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
    private const string GivenNames = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌宁鹏飞";

    private static readonly string[] Roads = ["科学大道", "金水路", "花园路", "航海路", "商都路", "中州大道", "长椿路", "西四环", "经开第八大街", "郑东新区龙湖中环路", "文化路", "紫荆山路", "嵩山路", "电厂路"];
    private static readonly string[] NoiseItems =
    [
        "日用百货销售", "办公用品销售", "会议及展览服务", "企业管理咨询", "广告设计、代理", "家居用品销售", "劳务服务（不含劳务派遣）",
        "市场营销策划", "五金产品零售", "化工产品销售（不含许可类化工产品）", "建筑材料销售", "食品销售（仅销售预包装食品）", "物业管理",
        "软件开发", "信息咨询服务（不含许可类信息咨询服务）", "组织文化艺术交流活动", "服装服饰批发", "礼品花卉销售", "停车场服务",
        "住房租赁", "机械设备租赁", "普通货物仓储服务（不含危险化学品等需许可审批的项目）", "国内贸易代理", "票务代理服务",
    ];

    private static readonly string[] CloseOut =
    [
        "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
        "许可项目：货物进出口；技术进出口（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    ];

    /// <summary>GB/T 4754 小类 codes for what a company of each kind does (makers pick by their product word).</summary>
    private static readonly (string Word, string Code)[] MakerCodes =
    [
        ("传感", "3983"), ("敏感", "3983"), ("MEMS", "3983"), ("芯片", "3973"), ("集成电路", "3973"), ("晶圆", "3973"), ("封装", "3973"),
        ("显示", "3974"), ("电池", "3841"), ("金刚石", "3099"), ("钻石", "3099"), ("超硬", "3099"), ("微粉", "3099"), ("氮化硼", "3099"),
        ("软件", "6513"), ("操作系统", "6511"), ("平台", "6513"), ("数据", "6450"), ("机器人", "3491"), ("仪表", "4011"), ("仪器", "4014"),
        ("电机", "3812"), ("汽车", "3670"), ("整车", "3612"), ("新能源", "3612"), ("材料", "2669"), ("装备", "3599"), ("设备", "3599"),
        ("医药", "2720"), ("药", "2720"), ("疫苗", "2762"), ("诊断", "3581"), ("器械", "3584"), ("安全", "6440"), ("密码", "3915"),
        ("通信", "3921"), ("终端", "3922"), ("模组", "3989"), ("元器件", "3989"), ("物联网", "6532"), ("集成", "6531"), ("检测", "7452"),
    ];

    private static readonly ZhengzhouDistrict[] GraphDistricts = [.. ZhengzhouDistricts.All.Where(district => district.EntityKey is not null)];

    private readonly Random random;
    private readonly int rows;
    private readonly IReadOnlyList<string> productWords;
    private readonly IndustryClassification industries;

    public RegisterGenerator(int rows, int seed, IReadOnlyList<string> productWords, IndustryClassification industries)
    {
        random = new Random(seed);
        this.rows = rows;
        this.productWords = productWords;
        this.industries = industries;
    }

    public static int RowsOf(string size) => size.ToUpperInvariant() switch
    {
        "S" => 1_000,
        "M" => 100_000,
        "L" => 1_000_000,
        _ => throw new ArgumentException($"unknown size '{size}': S, M or L", nameof(size)),
    };

    /// <summary>The product words of the seed's chain links (names and aliases) that read as things a company makes.</summary>
    public static IReadOnlyList<string> ProductWordsOf(string seedFolder)
    {
        var errors = new List<SeedError>();
        var table = CsvTable.Parse(SeedReader.ChainLinksFile, File.ReadAllBytes(Path.Combine(seedFolder, SeedReader.ChainLinksFile)), errors)
            ?? throw new SeedValidationException(errors);
        var (name, aliases) = (table.ColumnIndex["name"], table.ColumnIndex["aliases"]);
        return [.. table.Rows
            .SelectMany(row => row.Fields[aliases].Split('|').Prepend(row.Fields[name]))
            .Select(word => word.Trim())
            .Where(word => word.Length is >= 2 and <= 8 && !word.Contains("应用", StringComparison.Ordinal) && !word.Contains("服务", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Writes the register to <paramref name="path"/>: XLSX when it ends in .xlsx, CSV (UTF-8 with BOM) otherwise. Returns the rows written.</summary>
    public int WriteTo(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var headers = RegisterHeader.Columns.Select(column => column.Header).ToArray();
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            MiniExcel.SaveAs(path, Rows().Select(row =>
            {
                var cells = new Dictionary<string, object?>(headers.Length);
                for (var i = 0; i < headers.Length; i++)
                {
                    cells[headers[i]] = row[i];
                }

                return cells;
            }), overwriteFile: true);
        }
        else
        {
            using var writer = new CsvFileWriter(path, headers);
            foreach (var row in Rows())
            {
                writer.WriteRow(row);
            }
        }

        return rows;
    }

    private enum Business
    {
        Maker,
        Trader,
        Consultancy,
        ParkOperator,
        Restaurant,
        Holding,
        Logistics,
    }

    /// <summary>The rows, in the order of <see cref="RegisterHeader.Columns"/>.</summary>
    public IEnumerable<string[]> Rows()
    {
        var earlier = new List<string[]>();
        for (var i = 0; i < rows; i++)
        {
            // A repeated credit code: an export that lists one enterprise twice (its row again, or its branch's).
            if (earlier.Count > 0 && random.NextDouble() < 0.005)
            {
                var again = (string[])earlier[random.Next(earlier.Count)].Clone();
                yield return again;
                continue;
            }

            var row = NewRow();
            if (earlier.Count < 10_000)
            {
                earlier.Add(row);
            }

            yield return row;
        }
    }

    private string[] NewRow()
    {
        var roll = random.NextDouble();
        var business = roll switch
        {
            < 0.62 => Business.Maker,
            < 0.75 => Business.Trader,
            < 0.82 => Business.Consultancy,
            < 0.85 => Business.ParkOperator,
            < 0.90 => Business.Restaurant,
            < 0.94 => Business.Holding,
            _ => Business.Logistics,
        };
        var word = Pick(productWords);
        var brand = $"{Syllables[random.Next(Syllables.Length)]}{Syllables[random.Next(Syllables.Length)]}";
        var (name, scope, code) = business switch
        {
            Business.Maker => ($"郑州{brand}{Short(word)}科技有限公司", MakerScope(word), MakerCode(word)),
            Business.Trader => ($"郑州{brand}{Short(word)}贸易有限公司", TraderScope(word), random.Next(2) == 0 ? "5179" : "5176"),
            Business.Consultancy => ($"河南{brand}企业管理咨询有限公司", ConsultancyScope(word), "7243"),
            Business.ParkOperator => ($"郑州{brand}产业园运营管理有限公司", ParkScope(), "7221"),
            Business.Restaurant => ($"郑州{brand}{(random.Next(3) == 0 ? "智能" : "")}餐饮管理有限公司", RestaurantScope(), random.Next(2) == 0 ? "6210" : "6220"),
            Business.Holding => ($"河南{brand}控股有限公司", HoldingScope(), random.Next(2) == 0 ? "6920" : "7212"),
            _ => ($"郑州{brand}物流有限公司", LogisticsScope(word), "5431"),
        };
        // Most rows are in the districts the graph knows; some in Zhengzhou's other counties and cities.
        var district = random.NextDouble() < 0.9 ? Pick(GraphDistricts) : Pick(ZhengzhouDistricts.All);
        var outside = random.NextDouble() < 0.02;
        var written = district.Names[random.Next(district.Names.Count)];
        var countyInColumn = random.NextDouble() >= 0.08;
        var address = outside
            ? $"洛阳市涧西区{Pick(Roads)}{random.Next(1, 300)}号"
            : $"河南省郑州市{district.AddressNames[random.Next(district.AddressNames.Count)]}{Pick(Roads)}{random.Next(1, 300)}号{random.Next(1, 30)}层";
        var status = random.NextDouble() switch
        {
            < 0.90 => "存续",
            < 0.94 => "在业",
            < 0.97 => "注销",
            < 0.985 => "吊销，未注销",
            < 0.995 => "迁出",
            _ => "停业",
        };
        var industry = industries.Find(code);
        var group = industry is null ? null : industries.Find(code[..3]);
        var division = industry is null ? null : industries.Find(code[..2]);
        var section = industry is null ? null : industries.Find(industry.Section);
        var founded = new DateOnly(1995, 1, 1).AddDays(random.Next(11_000));
        return
        [
            name,
            NewCode(district.Code ?? ZhengzhouDistricts.CityCode),
            status,
            $"{Surnames[random.Next(Surnames.Length)]}{GivenNames[random.Next(GivenNames.Length)]}{(random.Next(2) == 0 ? GivenNames[random.Next(GivenNames.Length)].ToString() : "")}",
            random.Next(4) switch
            {
                0 => founded.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
                1 => founded.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
                _ => founded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            random.Next(10) == 0 ? $"{random.Next(10, 500)}万美元" : $"{random.Next(1, 200) * 50}万元人民币",
            "河南省",
            outside ? "洛阳市" : "郑州市",
            outside ? "涧西区" : countyInColumn ? written : "",
            address,
            section?.Name ?? "",
            division?.Name ?? "",
            group?.Name ?? "",
            industry?.Name ?? "",
            scope,
            random.Next(5) == 0 ? "" : random.Next(0, 800).ToString(CultureInfo.InvariantCulture),
            random.Next(2) == 0 ? "2023年报" : "2024年报",
            random.NextDouble() < 0.1 ? $"郑州{Syllables[random.Next(Syllables.Length)]}{Syllables[random.Next(Syllables.Length)]}{Short(word)}有限公司" : "",
        ];
    }

    private string NewCode(string region)
    {
        var code = new StringBuilder("91").Append(region);
        code.Append("MA");
        for (var i = 0; i < 7; i++)
        {
            code.Append(CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)]);
        }

        var check = CreditCode.CheckCharacter(code.ToString());
        // About 2 in 100 carry a wrong check character, as early pilot codes may.
        if (random.NextDouble() < 0.02)
        {
            check = CreditCode.Alphabet[(CreditCode.Alphabet.IndexOf(check, StringComparison.Ordinal) + 1 + random.Next(29)) % 31];
        }

        return code.Append(check).ToString();
    }

    private static string Short(string word) => word.Length <= 4 ? word : word[..4];

    private string MakerCode(string word) =>
        MakerCodes.FirstOrDefault(entry => word.Contains(entry.Word, StringComparison.Ordinal)).Code
        ?? industries.Entries.Where(entry => entry.Level == IndustryLevel.Class && entry.Section == "C").ElementAt(random.Next(600)).Code;

    private string MakerScope(string word)
    {
        var items = new List<string>
        {
            $"{word}研发",
            $"{word}制造",
            $"{word}销售",
            "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
        };
        if (random.Next(2) == 0)
        {
            items.Add($"{Pick(productWords)}销售");
        }

        return Scope(items);
    }

    private string TraderScope(string word) =>
        Scope([$"{word}销售", $"{Pick(productWords)}批发", $"{Pick(productWords)}销售", "电子产品销售", "技术咨询", "国内贸易代理"]);

    private string ConsultancyScope(string word) =>
        Scope(["企业管理咨询", "信息咨询服务（不含许可类信息咨询服务）", $"{word}技术咨询", "市场调查（不含涉外调查）", "财务咨询"]);

    private string ParkScope() =>
        Scope(["园区管理服务", "物业管理", "非居住房地产租赁", "创业空间服务", "停车场服务", "会议及展览服务"]);

    private string RestaurantScope() =>
        Scope(["餐饮服务", "餐饮管理", "食品销售", "外卖递送服务", "酒类经营"]);

    private string HoldingScope() =>
        Scope(["以自有资金从事投资活动", "企业总部管理", "股权投资", "自有资金投资的资产管理服务"]);

    private string LogisticsScope(string word) =>
        Scope(["道路货物运输（不含危险货物）", "普通货物仓储服务（不含危险化学品等需许可审批的项目）", "装卸搬运", $"{word}运输", "国内货物运输代理"]);

    /// <summary>The items in the order registers list them, with unrelated items mixed in and the usual closing words.</summary>
    private string Scope(List<string> items)
    {
        var noise = random.Next(3, 12);
        for (var i = 0; i < noise; i++)
        {
            items.Insert(random.Next(items.Count + 1), Pick(NoiseItems));
        }

        return "一般项目：" + string.Join("；", items.Distinct(StringComparer.Ordinal)) + Pick(CloseOut);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
