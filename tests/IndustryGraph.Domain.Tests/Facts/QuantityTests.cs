using IndustryGraph.Domain.Facts;

namespace IndustryGraph.Domain.Tests.Facts;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("6亿", 600_000_000, null)]
    [InlineData("约6亿元", 600_000_000, "元")]
    [InlineData("7.6万平方米", 76_000, "平方米")]
    [InlineData("5.3平方公里", 5.3, "平方公里")]
    [InlineData("32%", 32, "%")]
    [InlineData("180余家", 180, "家")]
    [InlineData("1.2万人", 12_000, "人")]
    [InlineData("百亿元以上", 10_000_000_000, "元")]
    [InlineData("76164.69平方米", 76164.69, "平方米")]
    [InlineData("12%以上", 12, "%")]
    [InlineData("388.3亿元", 38_830_000_000, "元")]
    [InlineData("1,234.5人", 1234.5, "人")]
    [InlineData("超100亿元", 10_000_000_000, "元")]
    [InlineData("3000万元以上", 30_000_000, "元")]
    [InlineData("84.6亿元", 8_460_000_000, "元")]
    [InlineData("9.66亿元", 966_000_000, "元")]
    [InlineData("0.3万人", 3_000, "人")]
    public void Reads_figures_as_articles_write_them(string text, double number, string? unit)
    {
        Assert.True(Quantity.TryParse(text, out var quantity));
        Assert.Equal(number, quantity.Number);
        Assert.Equal(unit, quantity.Unit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("智能制造")]
    [InlineData("8+2")]
    [InlineData("2024-08")]
    [InlineData("园区18号楼")]
    [InlineData("一级重组+二级整合")]
    [InlineData("2024年10月")]
    [InlineData("5A甲级")]
    [InlineData("3+N")]
    [InlineData("1+N+X")]
    [InlineData("千企万户")]
    [InlineData("百日取四证")]
    public void Text_without_a_single_figure_is_not_a_quantity(string text) =>
        Assert.False(Quantity.TryParse(text, out _));

    [Theory]
    [InlineData("5日")]
    [InlineData("25日")]
    [InlineData("25号")]
    [InlineData("3月")]
    [InlineData("10时")]
    [InlineData("2025年")]
    [InlineData("8号楼")]
    [InlineData("3号线")]
    public void Dates_and_numbering_are_not_quantities(string text) =>
        Assert.False(Quantity.TryParse(text, out _));

    [Theory]
    [InlineData("17个月", 17, "个月")]
    [InlineData("3年", 3, "年")]
    [InlineData("30天", 30, "天")]
    [InlineData("5个工作日", 5, "个工作日")]
    public void Durations_stay_quantities(string text, double number, string unit)
    {
        Assert.True(Quantity.TryParse(text, out var quantity));
        Assert.Equal(number, quantity.Number);
        Assert.Equal(unit, quantity.Unit);
    }

    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1,234", 1234)]
    [InlineData("-3", -3)]
    public void Plain_spreadsheet_numbers_parse(string text, double expected)
    {
        Assert.True(Quantity.TryParsePlain(text, out var number));
        Assert.Equal(expected, number);
    }
}
