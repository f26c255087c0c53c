using IndustryGraph.Domain.Facts;

namespace IndustryGraph.Domain.Tests.Facts;

/// <summary>Digits the reader does not read and numbers a double cannot hold are refused with a reason, never thrown, never stored as something else.</summary>
public sealed class FigureInputTests
{
    [Theory]
    [InlineData("１２３万元", 1_230_000, "元")]
    [InlineData("约６．５亿元", 650_000_000, "元")]
    [InlineData("１，２３４人", 1234, "人")]
    public void Full_width_digits_read_as_ASCII_ones(string text, double number, string unit)
    {
        Assert.True(Quantity.TryParse(text, out var quantity, out var problem), problem);
        Assert.Equal((number, unit), (quantity.Number, quantity.Unit));
    }

    [Theory]
    [InlineData("١٢٣万元", "U+0661")]
    [InlineData("৫ 平方公里", "U+09EB")]
    [InlineData("१२३", "U+0967")]
    public void Digits_of_other_scripts_are_refused_with_the_character_named(string text, string named)
    {
        Assert.False(Quantity.TryParse(text, out _, out var problem));
        Assert.Contains(named, problem, StringComparison.Ordinal);
        Assert.False(Quantity.TryParsePlain(text, out _, out var plainProblem));
        Assert.NotNull(plainProblem);
    }

    [Fact]
    public void A_400_digit_number_is_refused_not_read_as_infinity()
    {
        var digits = "9" + new string('0', 399);
        Assert.False(Quantity.TryParse(digits + "元", out _, out var problem));
        Assert.NotNull(problem);
        Assert.False(Quantity.TryParsePlain(digits, out _, out var plainProblem));
        Assert.NotNull(plainProblem);
        Assert.False(Quantity.TryParsePlain("1e400", out _, out _));
        Assert.False(Quantity.TryParse("9999999999亿亿", out _, out var multiplied));
        Assert.NotNull(multiplied);
    }

    [Theory]
    [InlineData("1234567890123456789")]
    [InlineData("0.12345678901234567")]
    public void More_significant_digits_than_a_double_keeps_are_refused(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var problem));
        Assert.Contains("significant digits", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("900719925474099", 900719925474099d)]
    [InlineData("0.000123", 0.000123)]
    public void Numbers_in_range_still_read(string text, double number)
    {
        Assert.True(Quantity.TryParse(text, out var quantity, out _));
        Assert.Equal(number, quantity.Number, precision: 6);
    }
}
