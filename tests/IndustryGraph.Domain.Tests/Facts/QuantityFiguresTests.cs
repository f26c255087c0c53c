using IndustryGraph.Domain.Facts;

namespace IndustryGraph.Domain.Tests.Facts;

public sealed class QuantityFiguresTests
{
    [Theory]
    [InlineData("6亿", 600_000_000d, null)]
    [InlineData("约6亿元", 600_000_000d, "元")]
    [InlineData("7.6万平方米", 76_000d, "平方米")]
    [InlineData("5.3平方公里", 5.3d, "平方公里")]
    [InlineData("32%", 32d, "%")]
    [InlineData("180余家", 180d, "家")]
    [InlineData("1,234.5人", 1234.5d, "人")]
    [InlineData("超100亿元", 10_000_000_000d, "元")]
    [InlineData("3000万元以上", 30_000_000d, "元")]
    public void Reads_chinese_figures_with_multipliers_and_units(string text, double number, string? unit)
    {
        Assert.True(Quantity.TryParse(text, out var quantity), text);
        Assert.Equal(number, quantity.Number, precision: 6);
        Assert.Equal(unit, quantity.Unit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("一级重组+二级整合")]
    [InlineData("2024年10月")]
    [InlineData("8+2")]
    public void Text_that_is_not_one_figure_is_not_read_as_one(string text) =>
        Assert.False(Quantity.TryParse(text, out _), text);

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
