using IndustryGraph.Domain.Register;

namespace IndustryGraph.Domain.Tests.Register;

public sealed class CreditCodeTests
{
    [Theory]
    // The example GB 32100-2015 gives, and a code of the same form whose check character was computed by hand.
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000100017643K")]
    public void Known_valid_codes_check(string code) => Assert.Equal(CreditCodeCheck.Valid, CreditCode.Check(code));

    [Fact]
    public void The_check_character_follows_the_weights_of_the_standard()
    {
        // 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10 + Y(30)·30 + 4·28
        // = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
        Assert.Equal('3', CreditCode.CheckCharacter("91350100M000100Y4"));
    }

    [Theory]
    [InlineData("91350100M000100Y44", '3')]
    [InlineData("91110000100017643A", 'K')]
    public void A_wrong_check_character_is_told_apart_from_a_malformed_code(string code, char expected)
    {
        Assert.Equal(CreditCodeCheck.WrongCheckDigit, CreditCode.Check(code));
        Assert.Equal(expected, CreditCode.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData("91350100M000100Y4")] // 17 characters
    [InlineData("91350100M000100Y433")] // 19
    [InlineData("91350100I000100Y43")] // I is not in the alphabet
    [InlineData("91350100O000100Y43")] // nor O
    [InlineData("9135010-M000100Y43")]
    public void Malformed_codes_are_malformed(string code) => Assert.Equal(CreditCodeCheck.Malformed, CreditCode.Check(code));

    [Fact]
    public void Spaces_lower_case_and_full_width_characters_read_as_the_code()
    {
        Assert.Equal("91350100M000100Y43", CreditCode.Normalize(" 9135 0100m000100y43 "));
        Assert.Equal("91350100M000100Y43", CreditCode.Normalize("９１３５０１００Ｍ０００１００Ｙ４３"));
    }
}
