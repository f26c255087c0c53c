using System.Text;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Seed;

public sealed class CsvTableTests
{
    private static CsvTable Parse(string text)
    {
        var errors = new List<SeedError>();
        var table = CsvTable.Parse("t.csv", Encoding.UTF8.GetBytes(text), errors);
        Assert.Empty(errors);
        return table!;
    }

    [Fact]
    public void Quoted_fields_line_breaks_and_wide_characters_keep_their_values_lines_and_columns()
    {
        var table = Parse("a,b,c\r\n\"x,\"\"y\"\"\",\"第一行\n第二行\",𠀀z\n\n\"q\"r,,\"\"\n");
        Assert.Equal(2, table.Rows.Count);
        var first = table.Rows[0];
        Assert.Equal(["x,\"y\"", "第一行\n第二行", "𠀀z"], first.Fields);
        Assert.Equal(2, first.Line);
        Assert.Equal([1, 11, 6], first.Columns);
        var second = table.Rows[1];
        Assert.Equal(["qr", "", ""], second.Fields);
        Assert.Equal(5, second.Line);
        Assert.Equal([1, 6, 7], second.Columns);
        Assert.True(table.MayHoldUnstorableText);
    }

    [Fact]
    public void Repeated_and_distinct_values_in_one_column_each_read_back_as_written()
    {
        // Far more distinct values than the table of shared strings has slots, mixed with repeats.
        var random = new Random(7);
        var expected = Enumerable.Range(0, 20_000).Select(_ => random.Next(3) == 0 ? $"v{random.Next(10)}" : $"值{random.Next(9_000)}").ToList();
        var table = Parse("k,v\n" + string.Concat(expected.Select((value, i) => $"{i},{value}\n")));
        Assert.Equal(expected, table.Rows.Select(row => row.Fields[1]));
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), table.Rows.Select(row => row.Fields[0]));
        Assert.False(table.MayHoldUnstorableText);
    }

    [Fact]
    public void An_unclosed_quote_is_placed_at_its_opening_quote()
    {
        var errors = new List<SeedError>();
        Assert.Null(CsvTable.Parse("t.csv", Encoding.UTF8.GetBytes("a,b\n名字,\"open\nmore"), errors));
        Assert.Equal(("t.csv", 2, 4), (errors.Single().File, errors.Single().Line, errors.Single().Column));
    }

    [Fact]
    public void Characters_the_store_refuses_are_found_behind_any_of_their_encodings()
    {
        foreach (var bad in new[] { "\u0085", "\uFFFE", "\u007F", "\t", "\u001B" })
        {
            var table = Parse($"a,b\nx,y{bad}z\n");
            Assert.True(table.MayHoldUnstorableText, $"U+{(int)bad[0]:X4}");
        }

        // Full-width punctuation and Latin-1 letters share lead bytes with refused characters but are fine.
        Assert.False(Parse("a,b\n（中文），é·\n").MayHoldUnstorableText);
    }

    [Fact]
    public void A_c1_control_character_is_reported_by_validation()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] += "ent-b,ENTERPRISE,坏\u0085名,,,art.txt,3,\n";
        var result = SeedReader.TryRead(SeedFiles.Bytes(files));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("entities.csv", 6, 18), (error.File, error.Line, error.Column));
        Assert.Contains("U+0085", error.Message, StringComparison.Ordinal);
    }
}
