using IndustryGraph.Domain.Register;

namespace IndustryGraph.Domain.Tests.Register;

public sealed class RegisterRowReaderTests
{
    private static readonly string[] Header = [.. RegisterHeader.Columns.Select(column => column.Header)];

    private static string[] Row(params (RegisterColumn Column, string Value)[] cells)
    {
        var row = new string[Header.Length];
        Array.Fill(row, "");
        foreach (var (column, value) in cells)
        {
            row[(int)column] = value;
        }

        return row;
    }

    private static (RegisterEntry? Entry, RegisterProblems Problems) Read(string[] row, RegisterText? text = null)
    {
        var problems = new RegisterProblems("r.csv", text ?? RegisterText.English);
        var header = RegisterHeader.Read(Header, problems)!;
        return (new RegisterRowReader(header, IndustryClassificationTests.Shipped, problems).Read(2, row), problems);
    }

    [Fact]
    public void A_missing_required_column_is_one_error_naming_it()
    {
        var problems = new RegisterProblems("r.csv", RegisterText.Chinese);
        Assert.Null(RegisterHeader.Read(["企业名称", "登记状态"], problems));
        var error = Assert.Single(problems.Errors);
        Assert.Equal("r.csv:1:0: 缺少必需的列：统一社会信用代码（表头须含 企业名称、统一社会信用代码）", error.ToString());
    }

    [Fact]
    public void Columns_come_in_any_order_and_an_unknown_one_is_a_warning_with_the_name_it_resembles()
    {
        var problems = new RegisterProblems("r.csv", RegisterText.English);
        var header = RegisterHeader.Read(["经营范围", "统一社会信用代码", "企业名", "企业名称", "备注"], problems);
        Assert.NotNull(header);
        Assert.Equal(1, header.IndexOf(RegisterColumn.CreditCode));
        Assert.Equal(3, header.IndexOf(RegisterColumn.Name));
        Assert.Empty(problems.Errors);
        Assert.Contains(problems.Warnings, warning => warning.ToString() == "r.csv:1:3: unknown column '企业名' is ignored (did you mean '企业名称'?)");
        Assert.Contains(problems.Warnings, warning => warning.Column == 5 && warning.Message.StartsWith("unknown column '备注'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_code_is_an_error_at_its_row_and_column()
    {
        var (entry, problems) = Read(Row((RegisterColumn.Name, "郑州甲公司"), (RegisterColumn.CreditCode, "9141010012345")));
        Assert.Null(entry);
        var error = Assert.Single(problems.Errors);
        Assert.StartsWith("r.csv:2:2: malformed credit code '9141010012345'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_check_digit_is_a_warning_and_the_row_is_read()
    {
        var (entry, problems) = Read(Row((RegisterColumn.Name, "郑州甲公司"), (RegisterColumn.CreditCode, "91350100M000100Y44")), RegisterText.Chinese);
        Assert.NotNull(entry);
        Assert.Empty(problems.Errors);
        Assert.Contains("校验位应为 3", Assert.Single(problems.Warnings, warning => warning.Column == 2).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_are_read_as_registers_write_them()
    {
        var (entry, _) = Read(Row(
            (RegisterColumn.Name, "郑州甲传感科技有限公司"), (RegisterColumn.CreditCode, "91350100M000100Y43"), (RegisterColumn.Status, "吊销，未注销"),
            (RegisterColumn.Founded, "2015年3月4日"), (RegisterColumn.RegisteredCapital, "1,000万元人民币"), (RegisterColumn.County, "管城回族区"),
            (RegisterColumn.IndustryClass, "敏感元件及传感器制造"), (RegisterColumn.InsuredStaff, "56人"), (RegisterColumn.InsuredStaffYear, "2023年报"),
            (RegisterColumn.FormerNames, "郑州乙公司；郑州丙公司")));
        Assert.NotNull(entry);
        Assert.False(entry.Active);
        Assert.Equal("2015-03-04", entry.Founded);
        Assert.Equal(10_000_000, entry.Capital?.Number);
        Assert.Equal("元", entry.Capital?.Unit);
        Assert.Equal("d-guancheng", entry.District.District?.EntityKey);
        Assert.Equal("3983", entry.Industry?.Code);
        Assert.Equal(56, entry.InsuredStaff);
        Assert.Equal("2023", entry.InsuredStaffYear);
        Assert.Equal(["郑州乙公司", "郑州丙公司"], entry.FormerNames);
    }

    [Theory]
    [InlineData("存续", true)]
    [InlineData("在业", true)]
    [InlineData("开业", true)]
    [InlineData("注销", false)]
    [InlineData("吊销，未注销", false)]
    [InlineData("迁出", false)]
    [InlineData("撤销", false)]
    [InlineData("停业", false)]
    [InlineData("某状态", null)]
    public void Statuses_read_as_active_or_not(string status, bool? active) => Assert.Equal(active, RegistrationStatus.IsActive(status));

    [Fact]
    public void A_row_without_a_district_says_so()
    {
        var (entry, problems) = Read(Row((RegisterColumn.Name, "郑州甲公司"), (RegisterColumn.CreditCode, "91350100M000100Y43"), (RegisterColumn.Address, "某路1号")));
        Assert.Null(entry!.District.District);
        Assert.Contains(problems.Warnings, warning => warning.Message.Contains("without a district", StringComparison.Ordinal));
    }

    [Fact]
    public void Control_characters_become_spaces_and_line_breaks_stay_only_in_the_business_scope()
    {
        var (entry, _) = Read(Row((RegisterColumn.Name, "郑州\u0001甲公司\n"), (RegisterColumn.CreditCode, "91350100M000100Y43"),
            (RegisterColumn.BusinessScope, "传感器制造；\r\n传感器销售\u0007")));
        Assert.Equal("郑州 甲公司", entry!.Name);
        Assert.Equal("传感器制造；\n传感器销售", entry.BusinessScope);
    }
}
