using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Register;

/// <summary>The four levels of GB/T 4754-2017: 门类 (a letter), 大类 (2 digits), 中类 (3), 小类 (4).</summary>
public enum IndustryLevel
{
    Section,
    Division,
    Group,
    Class,
}

/// <summary>One entry of the classification; <see cref="Divisions"/> is the range of 大类 codes of a 门类 ("13-43"), empty otherwise.</summary>
public sealed record IndustryEntry(string Code, string Name, string Section, string Divisions)
{
    public IndustryLevel Level => Code.Length switch
    {
        1 => IndustryLevel.Section,
        2 => IndustryLevel.Division,
        3 => IndustryLevel.Group,
        _ => IndustryLevel.Class,
    };
}

/// <summary>What the register's four industry names read as: the most specific known code, and the names that are not known.</summary>
public sealed record IndustryReading(IndustryEntry? Entry, IReadOnlyList<(IndustryLevel Level, string Name)> Unknown, IndustryEntry? Conflicting);

/// <summary>
/// GB/T 4754-2017 (国民经济行业分类) as the project ships it in <c>seed/reference/gbt4754-2017.csv</c>
/// (<c>code,name,section,divisions</c>), with the lookup from names to codes the register import uses.
/// </summary>
public sealed class IndustryClassification
{
    public const string FileName = "gbt4754-2017.csv";

    private readonly Dictionary<string, IndustryEntry>[] byName = [.. Enumerable.Range(0, 4).Select(_ => new Dictionary<string, IndustryEntry>(StringComparer.Ordinal))];
    private readonly Dictionary<string, IndustryEntry> byCode = new(StringComparer.Ordinal);

    private IndustryClassification(IReadOnlyList<IndustryEntry> entries)
    {
        Entries = entries;
        foreach (var entry in entries)
        {
            byCode.TryAdd(entry.Code, entry);
            byName[(int)entry.Level].TryAdd(NameKey(entry.Name), entry);
        }
    }

    public IReadOnlyList<IndustryEntry> Entries { get; }

    /// <summary>Reads the table's CSV bytes; throws <see cref="SeedValidationException"/> on a broken file (it ships with the program).</summary>
    public static IndustryClassification Parse(byte[] csv)
    {
        var errors = new List<SeedError>();
        var table = CsvTable.Parse(FileName, csv, errors);
        if (table is null)
        {
            throw new SeedValidationException(errors);
        }

        foreach (var column in (string[])["code", "name", "section", "divisions"])
        {
            if (!table.ColumnIndex.ContainsKey(column))
            {
                throw new SeedValidationException([new SeedError(FileName, 1, 1, $"the column {column} is missing")]);
            }
        }

        int Column(string name) => table.ColumnIndex[name];
        var entries = table.Rows
            .Select(row => new IndustryEntry(row.Fields[Column("code")].Trim(), row.Fields[Column("name")].Trim(), row.Fields[Column("section")].Trim(), row.Fields[Column("divisions")].Trim()))
            .ToList();
        return new IndustryClassification(entries);
    }

    public IndustryEntry? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>
    /// Reads the register's 门类, 大类, 中类 and 小类 names (each may be empty, and may carry its code in front:
    /// "C39 计算机、通信和其他电子设备制造业"). The most specific known one wins; a known name whose code does not
    /// fall under the winner's is given as <see cref="IndustryReading.Conflicting"/>.
    /// </summary>
    public IndustryReading Read(string section, string division, string group, string industryClass)
    {
        var unknown = new List<(IndustryLevel, string)>();
        IndustryEntry? best = null;
        IndustryEntry? conflicting = null;
        foreach (var (level, text) in (ReadOnlySpan<(IndustryLevel, string)>)[(IndustryLevel.Class, industryClass), (IndustryLevel.Group, group), (IndustryLevel.Division, division), (IndustryLevel.Section, section)])
        {
            var name = text.Trim();
            if (name.Length == 0 || name is "-" or "—")
            {
                continue;
            }

            var entry = Lookup(level, name);
            if (entry is null)
            {
                unknown.Add((level, name));
            }
            else if (best is null)
            {
                best = entry;
            }
            else if (conflicting is null && !Contains(entry, best))
            {
                conflicting = entry;
            }
        }

        return new IndustryReading(best, unknown, conflicting);
    }

    private IndustryEntry? Lookup(IndustryLevel level, string text)
    {
        var (code, name) = SplitCode(text);
        if (name.Length > 0 && byName[(int)level].TryGetValue(NameKey(name), out var named))
        {
            return named;
        }

        return code is not null && byCode.TryGetValue(code, out var coded) && coded.Level == level ? coded : null;
    }

    /// <summary>Whether <paramref name="general"/> is <paramref name="specific"/> or one of its higher levels.</summary>
    public static bool Contains(IndustryEntry general, IndustryEntry specific) =>
        general.Level == IndustryLevel.Section ? general.Code == specific.Section : specific.Code.StartsWith(general.Code, StringComparison.Ordinal);

    /// <summary>"C39 计算机…" → ("39", "计算机…"); "C 制造业" → ("C", "制造业"); a name alone → (null, name).</summary>
    private static (string? Code, string Name) SplitCode(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        if (end == 0)
        {
            return (null, text);
        }

        var code = text[..end].ToUpperInvariant();
        if (code.Length > 1 && char.IsAsciiLetter(code[0]) && code.Skip(1).All(char.IsAsciiDigit))
        {
            code = code[1..];
        }

        return (code, text[end..].Trim().TrimStart('-', '_', '.', ':', '：', '、').Trim());
    }

    private static string NameKey(string name) =>
        name.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal)
            .Replace('（', '(').Replace('）', ')').Replace('，', '、').Replace(',', '、');
}
