namespace IndustryGraph.Domain.Register;

/// <summary>The columns of a register export as 企查查 writes them (issue 18); any order, extra columns ignored.</summary>
public enum RegisterColumn
{
    Name,
    CreditCode,
    Status,
    LegalRepresentative,
    Founded,
    RegisteredCapital,
    Province,
    City,
    County,
    Address,
    IndustrySection,
    IndustryDivision,
    IndustryGroup,
    IndustryClass,
    BusinessScope,
    InsuredStaff,
    InsuredStaffYear,
    FormerNames,
}

/// <summary>Where each known column is in a register file's header, read from its Chinese names.</summary>
public sealed class RegisterHeader
{
    /// <summary>The header of each column, in the order the issue lists them (the order <c>generate register</c> writes).</summary>
    public static readonly IReadOnlyList<(RegisterColumn Column, string Header)> Columns =
    [
        (RegisterColumn.Name, "企业名称"),
        (RegisterColumn.CreditCode, "统一社会信用代码"),
        (RegisterColumn.Status, "登记状态"),
        (RegisterColumn.LegalRepresentative, "法定代表人"),
        (RegisterColumn.Founded, "成立日期"),
        (RegisterColumn.RegisteredCapital, "注册资本"),
        (RegisterColumn.Province, "所属省份"),
        (RegisterColumn.City, "所属城市"),
        (RegisterColumn.County, "所属区县"),
        (RegisterColumn.Address, "企业地址"),
        (RegisterColumn.IndustrySection, "国标行业门类"),
        (RegisterColumn.IndustryDivision, "国标行业大类"),
        (RegisterColumn.IndustryGroup, "国标行业中类"),
        (RegisterColumn.IndustryClass, "国标行业小类"),
        (RegisterColumn.BusinessScope, "经营范围"),
        (RegisterColumn.InsuredStaff, "参保人数"),
        (RegisterColumn.InsuredStaffYear, "参保人数所属年报"),
        (RegisterColumn.FormerNames, "曾用名"),
    ];

    public static readonly IReadOnlyList<RegisterColumn> Required = [RegisterColumn.Name, RegisterColumn.CreditCode];

    private static readonly int ColumnCount = Enum.GetValues<RegisterColumn>().Length;

    private readonly int[] index;

    private RegisterHeader(int[] index) => this.index = index;

    public static string HeaderOf(RegisterColumn column) => Columns[(int)column].Header;

    /// <summary>The 0-based position of a column in a row, or -1 when the file lacks it.</summary>
    public int IndexOf(RegisterColumn column) => index[(int)column];

    public bool Has(RegisterColumn column) => index[(int)column] >= 0;

    /// <summary>
    /// Reads the header row: a missing required column is one error naming every one missing (null header);
    /// a column the register format does not know is a warning (with the known name it resembles).
    /// </summary>
    public static RegisterHeader? Read(IReadOnlyList<string> cells, RegisterProblems problems)
    {
        var index = Enumerable.Repeat(-1, ColumnCount).ToArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = Clean(cells[i]);
            if (cell.Length == 0)
            {
                continue;
            }

            var known = Columns.FirstOrDefault(column => column.Header == cell);
            if (known.Header is null)
            {
                problems.Warn(1, i + 1, problems.Text.UnknownColumn(cell, Resembling(cell)));
            }
            else if (index[(int)known.Column] >= 0)
            {
                problems.Warn(1, i + 1, problems.Text.RepeatedColumn(cell, index[(int)known.Column] + 1));
            }
            else
            {
                index[(int)known.Column] = i;
            }
        }

        var missing = Required.Where(column => index[(int)column] < 0).Select(HeaderOf).ToList();
        if (missing.Count > 0)
        {
            problems.Error(1, 0, problems.Text.MissingColumns(missing));
            return null;
        }

        return new RegisterHeader(index);
    }

    /// <summary>A header cell without the spaces, BOM and a trailing note in brackets a spreadsheet may add (注册资本(万元)).</summary>
    private static string Clean(string cell)
    {
        var text = cell.Trim().Trim('\uFEFF').Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
        var bracket = text.IndexOfAny(['(', '（']);
        return bracket > 0 ? text[..bracket] : text;
    }

    /// <summary>The known header sharing most characters with <paramref name="cell"/>, when it shares at least half of them.</summary>
    private static string? Resembling(string cell)
    {
        var best = Columns
            .Select(column => (column.Header, Shared: column.Header.Count(c => cell.Contains(c, StringComparison.Ordinal))))
            .OrderByDescending(column => column.Shared)
            .ThenBy(column => Math.Abs(column.Header.Length - cell.Length))
            .First();
        return best.Shared * 2 >= Math.Max(best.Header.Length, cell.Length) ? best.Header : null;
    }
}
