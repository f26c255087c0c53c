namespace IndustryGraph.Domain.Register;

/// <summary>The register import's messages, in English or Chinese (<c>--lang zh</c>, <c>lang=zh</c>).</summary>
public sealed class RegisterText
{
    private readonly bool zh;

    private RegisterText(bool chinese) => zh = chinese;

    public static RegisterText English { get; } = new(false);

    public static RegisterText Chinese { get; } = new(true);

    public static RegisterText For(string? language) => language is not null && language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public bool IsChinese => zh;

    private static string H(RegisterColumn column) => RegisterHeader.HeaderOf(column);

    public string MissingColumns(IReadOnlyList<string> headers) => zh
        ? $"缺少必需的列：{string.Join("、", headers)}（表头须含 {string.Join("、", RegisterHeader.Required.Select(H))}）"
        : $"the required column{(headers.Count > 1 ? "s" : "")} {string.Join(", ", headers)} {(headers.Count > 1 ? "are" : "is")} missing (a register export has {string.Join(" and ", RegisterHeader.Required.Select(H))})";

    public string UnknownColumn(string header, string? resembling) => zh
        ? $"未知的列“{header}”，已忽略{(resembling is null ? "" : $"（是否为“{resembling}”？）")}"
        : $"unknown column '{header}' is ignored{(resembling is null ? "" : $" (did you mean '{resembling}'?)")}";

    public string RepeatedColumn(string header, int firstColumn) => zh
        ? $"列“{header}”重复，只读第 {firstColumn} 列"
        : $"the column '{header}' is given twice; column {firstColumn} is read";

    public string EmptyFile => zh ? "文件没有表头行" : "the file has no header row";

    public string NotAWorkbook(string reason) => zh ? $"无法读取 XLSX 文件：{reason}" : $"the XLSX file cannot be read: {reason}";

    public string EmptyName => zh ? $"{H(RegisterColumn.Name)}为空" : $"{H(RegisterColumn.Name)} (the enterprise's name) is empty";

    public string EmptyCode => zh ? $"{H(RegisterColumn.CreditCode)}为空" : $"{H(RegisterColumn.CreditCode)} (the credit code) is empty";

    public string MalformedCode(string code) => zh
        ? $"统一社会信用代码“{code}”格式错误：应为 18 位数字或大写字母（不含 I、O、S、V、Z），此处 {code.Length} 位{ForeignZh(code)}"
        : $"malformed credit code '{code}': a code is 18 digits or capital letters (not I, O, S, V, Z); this has {code.Length}{ForeignEn(code)}";

    private static string ForeignZh(string code) => CreditCode.FirstForeignCharacter(code) is { } c ? $"，含不允许的字符“{c}”" : "";

    private static string ForeignEn(string code) => CreditCode.FirstForeignCharacter(code) is { } c ? $" and holds '{c}'" : "";

    public string WrongCheckDigit(string code, char expected) => zh
        ? $"统一社会信用代码“{code}”的校验位应为 {expected}（GB 32100-2015）；早期试点代码可能如此，照常导入"
        : $"credit code '{code}' has check character {code[^1]} where GB 32100-2015 gives {expected}; imported (early pilot codes may differ)";

    public string RepeatedCode(string code, int firstRow) => zh
        ? $"统一社会信用代码“{code}”已在第 {firstRow} 行出现，本行忽略"
        : $"credit code '{code}' is already on row {firstRow}; this row is skipped";

    public string UnknownStatus(string status) => zh
        ? $"未知的登记状态“{status}”，按存续处理"
        : $"unknown registration status '{status}'; treated as active";

    public string NoDistrict => zh
        ? "所属区县和企业地址都无法确定所在区县；导入时不关联区县"
        : "neither 所属区县 nor the address names a district of Zhengzhou; imported without a district";

    public string OutsideZhengzhou(string place) => zh
        ? $"企业不在郑州市（{place}）；导入时不关联区县"
        : $"the enterprise is outside Zhengzhou ({place}); imported without a district";

    public string DistrictNotInGraph(string name, string? code) => zh
        ? $"{name}{(code is null ? "" : $"（{code}）")}属郑州市，但图中没有该区县；导入时不关联区县，记下区划代码"
        : $"{name}{(code is null ? "" : $" ({code})")} is in Zhengzhou but not a district of the graph; imported without LOCATED_IN, its code kept";

    public string UnknownIndustry(IndustryLevel level, string name) => zh
        ? $"{LevelZh(level)}“{name}”不在 GB/T 4754-2017 中"
        : $"{LevelEn(level)} '{name}' is not in GB/T 4754-2017";

    public string ConflictingIndustry(IndustryEntry general, IndustryEntry specific) => zh
        ? $"行业 {general.Code} {general.Name} 与 {specific.Code} {specific.Name} 不属同一类；采用更细的 {specific.Code}"
        : $"industry {general.Code} {general.Name} does not contain {specific.Code} {specific.Name}; the more specific {specific.Code} is used";

    public string BadDate(string text) => zh ? $"无法识别的日期“{text}”，未导入" : $"'{text}' is not a date; not imported";

    public string BadCapital(string text) => zh ? $"无法识别的注册资本“{text}”，只保留原文" : $"'{text}' does not read as an amount; kept as text only";

    public string BadStaff(string text) => zh ? $"参保人数“{text}”不是整数，未导入" : $"insured staff '{text}' is not a whole number; not imported";

    public string BadYear(string text) => zh ? $"无法从“{text}”读出年报年份，参保人数按导入日期记" : $"no year in '{text}'; the insured staff figure is dated by the import";

    public string DocumentTitle(string file) => zh ? $"企业登记信息导出 {file}" : $"Enterprise register export {file}";

    private static string LevelZh(IndustryLevel level) => level switch
    {
        IndustryLevel.Section => "国标行业门类",
        IndustryLevel.Division => "国标行业大类",
        IndustryLevel.Group => "国标行业中类",
        _ => "国标行业小类",
    };

    private static string LevelEn(IndustryLevel level) => level switch
    {
        IndustryLevel.Section => "industry section (门类)",
        IndustryLevel.Division => "industry division (大类)",
        IndustryLevel.Group => "industry group (中类)",
        _ => "industry class (小类)",
    };

    public static RegisterColumn ColumnOf(IndustryLevel level) => level switch
    {
        IndustryLevel.Section => RegisterColumn.IndustrySection,
        IndustryLevel.Division => RegisterColumn.IndustryDivision,
        IndustryLevel.Group => RegisterColumn.IndustryGroup,
        _ => RegisterColumn.IndustryClass,
    };
}
