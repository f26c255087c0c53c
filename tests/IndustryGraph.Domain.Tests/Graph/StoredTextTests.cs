using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Graph;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData("汉威\u0001科技", "U+0001")]
    [InlineData("a\0b", "U+0000")]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("tab\there", "U+0009")]
    [InlineData("cr\rhere", "U+000D")]
    [InlineData("esc\u001b[31m", "U+001B")]
    [InlineData("c1\u0085", "U+0085")]
    [InlineData("non\uffff", "U+FFFF")]
    public void A_name_with_what_an_export_cannot_carry_is_refused_with_the_character_named(string text, string named) =>
        Assert.Contains(named, StoredText.ProblemIn("name", text), StringComparison.Ordinal);

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        Assert.Contains("U+D800", StoredText.ProblemIn("name", "lone" + (char)0xD800), StringComparison.Ordinal);

    [Theory]
    [InlineData("汉威科技")]
    [InlineData("郑州·金岱 (Zhengzhou) 🏭")]
    public void Printable_text_with_pairs_of_surrogates_is_kept(string text) => Assert.Null(StoredText.ProblemIn("name", text));

    [Fact]
    public void A_note_may_hold_line_breaks_and_tabs_but_no_other_control_character()
    {
        Assert.Null(StoredText.ProblemIn("note", "first line\nsecond\tline"));
        Assert.NotNull(StoredText.ProblemIn("note", "bell\u0007"));
        Assert.NotNull(StoredText.ProblemIn("note", "cr\r\n"));
    }
}

public sealed class SeedCellTests
{
    [Theory]
    [InlineData("a|b", "c")]
    [InlineData("back\\slash", "pipe\\|and", "|", "\\")]
    [InlineData("plain", "郑州")]
    public void A_list_with_separators_and_escapes_inside_items_reads_back_item_for_item(params string[] items) =>
        Assert.Equal(items, SeedCell.SplitList(SeedCell.JoinList(items)));

    [Fact]
    public void A_list_written_by_hand_without_escapes_reads_as_before() =>
        Assert.Equal(["汉威", "Hanwei"], SeedCell.SplitList(" 汉威 | Hanwei |"));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-3", "'-3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("'=x", "''=x")]
    [InlineData("''", "'''")]
    [InlineData("'90s", "'90s")]
    [InlineData("'", "'")]
    [InlineData("汉威", "汉威")]
    public void Formula_like_cells_are_guarded_and_every_cell_reads_back_exactly(string value, string written)
    {
        Assert.Equal(written, SeedCell.ForSpreadsheet(value));
        Assert.Equal(value, SeedCell.FromSpreadsheet(SeedCell.ForSpreadsheet(value)));
    }
}
