using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Seed;

public sealed class SeedImportValidationTests
{
    private const string Sources = "key,title\ndoc-a.txt,文章甲\n";
    private const string Entities = "key,kind,name,aliases,tags,source,paragraph,note\nd-one,DISTRICT,一区,,,doc-a.txt,1,\npark-one,PARK,一号园,,,doc-a.txt,2,\nchain-x,INDUSTRY_CHAIN,某产业链,,,curated,,known\n";
    private const string Links = "key,chain,segment,position,name,aliases,source,paragraph,note\nlink-x-a,chain-x,UPSTREAM,1,材料,,curated,,known\n";
    private const string Relationships = "from,type,to,source,paragraph,note\npark-one,LOCATED_IN,d-one,doc-a.txt,2,\n";
    private const string Facts = "entity,key,value,number,unit,as_of,source,paragraph,note\npark-one,land_area,5.3平方公里,,,,doc-a.txt,2,\n";

    private static Dictionary<string, byte[]> Files(
        string sources = Sources, string entities = Entities, string links = Links, string relationships = Relationships, string facts = Facts) => new()
        {
            [SeedReader.SourcesFile] = Encoding.UTF8.GetBytes(sources),
            [SeedReader.EntitiesFile] = Encoding.UTF8.GetBytes(entities),
            [SeedReader.ChainLinksFile] = Encoding.UTF8.GetBytes(links),
            [SeedReader.RelationshipsFile] = Encoding.UTF8.GetBytes(relationships),
            [SeedReader.FactsFile] = Encoding.UTF8.GetBytes(facts),
        };

    [Fact]
    public void A_valid_folder_reads_with_figures_understood()
    {
        var dataset = SeedReader.Read(Files());
        var fact = Assert.Single(dataset.Facts, fact => fact.Key == "land_area");
        Assert.Equal(5.3, fact.Number);
        Assert.Equal("平方公里", fact.Unit);
        Assert.Contains(dataset.Relationships, edge => edge is { FromKey: "link-x-a", Type: RelationshipTypes.PartOf, ToKey: "chain-x" });
    }

    [Fact]
    public void Every_problem_is_reported_with_file_line_and_column()
    {
        var relationships = Relationships + "park-one,LOCATED_IN,d-nowhere,doc-a.txt,2,\npark-one,FLIES_TO,d-one,doc-a.txt,2,\npark-one,LOCATED_IN,d-one,,,\n";
        var facts = Facts + "park-one,revenue,很多,abc,,,doc-a.txt,3,\n";
        var result = SeedReader.TryRead(Files(relationships: relationships, facts: facts));
        Assert.Null(result.Dataset);
        var messages = result.Errors.Select(error => error.ToString()).ToList();
        Assert.Contains(messages, message => message.StartsWith("relationships.csv:3:21: reference to nothing", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("relationships.csv:4:10: unknown relationship type 'FLIES_TO'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("relationships.csv:5:", StringComparison.Ordinal) && message.Contains("no provenance", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("facts.csv:3:", StringComparison.Ordinal) && message.Contains("bad number 'abc'", StringComparison.Ordinal));
        Assert.Equal(4, result.Errors.Count);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var result = SeedReader.TryRead(Files(relationships: "from,type,source,paragraph,note\n"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("relationships.csv:1:1: missing column(s): to", error.ToString());
    }

    [Fact]
    public void A_gbk_file_is_named_as_such_with_how_to_fix_it()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var files = Files();
        files[SeedReader.EntitiesFile] = Encoding.GetEncoding("GB18030").GetBytes(Entities);
        var error = Assert.Single(SeedReader.TryRead(files).Errors);
        Assert.StartsWith("entities.csv:2:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("GBK", error.Message, StringComparison.Ordinal);
        Assert.Contains("iconv -f GB18030 -t UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_may_reference_keys_already_in_the_store()
    {
        var entities = "key,kind,name,aliases,tags,source,paragraph,note\nent-new,ENTERPRISE,新企业,,,old-doc.txt,4,\n";
        var relationships = "from,type,to,source,paragraph,note\nent-new,LOCATED_IN,park-old,curated,,known\nent-new,WORKS_IN,link-old,curated,,known\n";
        var files = Files(sources: "key,title\n", entities: entities, links: "key,chain,segment,position,name,aliases,source,paragraph,note\n", relationships: relationships, facts: "entity,key,value,source,paragraph,note\n");
        Assert.NotEmpty(SeedReader.TryRead(files).Errors);

        var known = new Dictionary<string, KnownEntity>
        {
            ["park-old"] = new(EntityKind.Park, null),
            ["link-old"] = new(EntityKind.ChainLink, "chain-old"),
            ["old-doc.txt"] = new(EntityKind.SourceDocument, null),
        };
        var result = SeedReader.TryRead(files, known);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Dataset!.Relationships.Count);
    }

    [Fact]
    public void A_store_key_of_the_wrong_kind_is_still_an_error()
    {
        var relationships = "from,type,to,source,paragraph,note\npark-one,LOCATED_IN,chain-old,doc-a.txt,2,\n";
        var known = new Dictionary<string, KnownEntity> { ["chain-old"] = new(EntityKind.IndustryChain, null) };
        var error = Assert.Single(SeedReader.TryRead(Files(relationships: relationships), known).Errors);
        Assert.Contains("LOCATED_IN cannot go from a PARK to a INDUSTRY_CHAIN", error.Message, StringComparison.Ordinal);
    }
}
