using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Seed;

public sealed class SeedReaderTests
{
    static SeedReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static SeedReadResult Read(Dictionary<string, string> files) => SeedReader.TryRead(SeedFiles.Bytes(files));

    private static SeedError SingleError(Dictionary<string, string> files)
    {
        var result = Read(files);
        Assert.Null(result.Dataset);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_valid_set_reads_into_a_dataset_with_provenance_and_parsed_figures()
    {
        var result = Read(SeedFiles.Valid());
        Assert.Empty(result.Errors);
        var dataset = result.Dataset!;
        Assert.Equal(7, dataset.Entities.Count);
        var area = dataset.Facts.Single(fact => fact.Key == "land_area");
        Assert.Equal((5.3, "平方公里"), (area.Number!.Value, area.Unit));
        Assert.Contains(dataset.Relationships, edge => edge is { FromKey: "link-a-1", Type: RelationshipTypes.PartOf, ToKey: "chain-a" });
        var worksIn = dataset.Relationships.Single(edge => edge.Type == RelationshipTypes.WorksIn);
        Assert.True(worksIn.Sources.Single().Curated);
        Assert.Equal(new SourceRef("art.txt", 3, false, null), dataset.Relationships.Single(edge => edge.FromKey == "ent-a" && edge.Type == "LOCATED_IN").Sources.Single());
    }

    [Fact]
    public void A_duplicate_key_names_file_line_column_and_the_first_definition()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] += "park-a,PARK,Again,,,art.txt,4,\n";
        var error = SingleError(files);
        Assert.Equal(("entities.csv", 6, 1), (error.File, error.Line, error.Column));
        Assert.Contains("duplicate key 'park-a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("entities.csv:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enterprise_may_be_keyed_by_its_credit_code_and_nothing_else_may()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] += "91350100M000100Y43,ENTERPRISE,郑州甲公司,,,art.txt,4,\n";
        Assert.Contains(Read(files).Dataset!.Entities, entity => entity.Key == "91350100M000100Y43");

        files = SeedFiles.Valid();
        files["entities.csv"] += "91350100M000100Y43,PARK,某园区,,,art.txt,4,\n";
        Assert.StartsWith("bad key '91350100M000100Y43'", SingleError(files).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_nothing_names_the_column_it_is_in()
    {
        var files = SeedFiles.Valid();
        files["relationships.csv"] += "ent-a,LOCATED_IN,park-missing,art.txt,3,\n";
        var error = SingleError(files);
        Assert.Equal(("relationships.csv", 6, 18), (error.File, error.Line, error.Column));
        Assert.Contains("park-missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_number_is_reported()
    {
        var files = SeedFiles.Valid();
        files["facts.csv"] += "park-a,jobs_target,很多,lots,,,art.txt,2,\n";
        var error = SingleError(files);
        Assert.Equal(("facts.csv", 4, 23), (error.File, error.Line, error.Column));
        Assert.Contains("bad number 'lots'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_without_provenance_is_reported()
    {
        var files = SeedFiles.Valid();
        files["relationships.csv"] += "ent-a,LOCATED_IN,d-a,,,\n";
        var error = SingleError(files);
        Assert.Equal(("relationships.csv", 6), (error.File, error.Line));
        Assert.Contains("no provenance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_curated_row_needs_a_note()
    {
        var files = SeedFiles.Valid();
        files["relationships.csv"] += "ent-a,LOCATED_IN,d-a,curated,,\n";
        Assert.Contains("needs a note", SingleError(files).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gbk_file_is_named_as_such_with_how_to_fix_it()
    {
        var files = SeedFiles.Bytes(SeedFiles.Valid());
        files["entities.csv"] = Encoding.GetEncoding("GB18030").GetBytes(SeedFiles.Valid()["entities.csv"]);
        var result = SeedReader.TryRead(files);
        Assert.Null(result.Dataset);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("entities.csv", 2), (error.File, error.Line));
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("GBK", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kinds_segments_and_types_are_reported_together()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] += "x-1,FACTORY,Somewhere,,,art.txt,1,\n";
        files["chain_links.csv"] += "link-a-3,chain-a,SIDESTREAM,3,Middle,,curated,,x\n";
        files["relationships.csv"] += "ent-a,OWNS,park-a,art.txt,3,\n";
        var result = Read(files);
        Assert.Null(result.Dataset);
        Assert.Equal(3, result.Errors.Count);
        Assert.Contains(result.Errors, error => error.File == "entities.csv" && error.Message.Contains("unknown kind 'FACTORY'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.File == "chain_links.csv" && error.Message.Contains("unknown segment 'SIDESTREAM'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error.File == "relationships.csv" && error.Message.Contains("unknown relationship type 'OWNS'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_relationship_between_the_wrong_kinds_is_reported()
    {
        var files = SeedFiles.Valid();
        files["relationships.csv"] += "d-a,WORKS_IN,link-a-1,art.txt,1,\n";
        Assert.Contains("cannot go from a DISTRICT to a CHAIN_LINK", SingleError(files).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_and_columns_are_reported()
    {
        var files = SeedFiles.Valid();
        files.Remove("facts.csv");
        files["entities.csv"] = files["entities.csv"].Replace("key,kind,name,", "key,name,", StringComparison.Ordinal);
        var result = Read(files);
        Assert.Contains(result.Errors, error => error.File == "facts.csv" && error.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(result.Errors, error => error is { File: "entities.csv", Line: 1 } && error.Message.Contains("kind", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opens()
    {
        var files = SeedFiles.Valid();
        files["facts.csv"] += "park-a,note,\"open,,,,art.txt,2,\n";
        var error = SingleError(files);
        Assert.Equal(("facts.csv", 4, 13), (error.File, error.Line, error.Column));
    }
}

public sealed class SeedReaderInputTests
{
    private static SeedReadResult Read(Dictionary<string, string> files) => SeedReader.TryRead(SeedFiles.Bytes(files));

    [Fact]
    public void Control_characters_and_unread_digits_are_each_reported_with_file_line_and_column()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] += "ent-b,ENTERPRISE,坏\u0001名,别名\u0000,,art.txt,3,\n";
        files["facts.csv"] += "park-a,gdp,１２３万元,,,,art.txt,2,\npark-a,output,١٢٣万元,,,,art.txt,2,\npark-a,huge,1,1" + new string('0', 400) + ",,,art.txt,2,\n";
        var result = Read(files);
        Assert.Null(result.Dataset);
        var messages = result.Errors.Select(error => error.ToString()).ToList();
        Assert.Contains(messages, message => message.StartsWith("entities.csv:6:18:", StringComparison.Ordinal) && message.Contains("U+0001", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("entities.csv:6:22:", StringComparison.Ordinal) && message.Contains("U+0000", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("facts.csv:5:", StringComparison.Ordinal) && message.Contains("U+0661", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("facts.csv:6:", StringComparison.Ordinal) && message.Contains("number", StringComparison.Ordinal));
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void Full_width_digits_are_read()
    {
        var files = SeedFiles.Valid();
        files["facts.csv"] += "park-a,gdp,１２３万元,,,,art.txt,2,\n";
        var fact = Read(files).Dataset!.Facts.Single(fact => fact.Key == "gdp");
        Assert.Equal((1_230_000d, "元"), (fact.Number!.Value, fact.Unit));
        Assert.Equal("１２３万元", fact.Value);
    }

    [Fact]
    public void A_duplicate_header_is_an_error_naming_both_columns()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] = files["entities.csv"].Replace("key,kind,name,aliases,tags,", "key,kind,name,aliases,Name,tags,", StringComparison.Ordinal);
        var error = Assert.Single(Read(files).Errors);
        Assert.Equal(("entities.csv", 1), (error.File, error.Line));
        Assert.Contains("columns 3 ('name') and 5 ('Name')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_pipe_inside_an_alias_is_one_alias()
    {
        var files = SeedFiles.Valid();
        files["entities.csv"] += "ent-b,ENTERPRISE,甲乙,甲\\|乙|AB,,art.txt,3,\n";
        var entity = Read(files).Dataset!.Entities.Single(entity => entity.Key == "ent-b");
        Assert.Equal(["甲|乙", "AB"], entity.Aliases);
    }
}
