using System.Text;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Domain.Tests.Seed;

/// <summary>The seed reader as an import stream: the same dataset and the same problems as a whole read, handed on in parts.</summary>
public sealed class SeedStreamTests
{
    private const int Enterprises = 50_000;

    /// <summary>The small valid set with many enterprises, each located in the park; the first edge is stated again, last, with another source.</summary>
    private static Dictionary<string, string> Large()
    {
        var files = SeedFiles.Valid();
        var entities = new StringBuilder(files["entities.csv"]);
        var relationships = new StringBuilder(files["relationships.csv"]);
        for (var i = 0; i < Enterprises; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"ent-{i:D5},ENTERPRISE,企业{i:D5},,,art.txt,3,\n");
            relationships.Append(System.Globalization.CultureInfo.InvariantCulture, $"ent-{i:D5},LOCATED_IN,park-a,art.txt,3,\n");
        }

        relationships.Append("ent-00000,LOCATED_IN,park-a,curated,,stated again\n");
        files["entities.csv"] = entities.ToString();
        files["relationships.csv"] = relationships.ToString();
        return files;
    }

    [Fact]
    public async Task A_stream_hands_on_in_parts_exactly_the_dataset_a_whole_read_gives()
    {
        var files = SeedFiles.Bytes(Large());
        var read = SeedReader.TryRead(files).Dataset!;
        var parts = new List<ImportPart>();
        await foreach (var part in SeedReader.Stream(files).ReadAllAsync())
        {
            parts.Add(part);
        }

        Assert.True(parts.Count(part => part.Entities.Count > 0) > 1, "the entities come in more than one part");
        var restated = Assert.Single(parts.SelectMany(part => part.MoreSources));
        Assert.Equal(("ent-00000", 2), (restated.FromKey, restated.Sources.Count));

        var streamed = await SeedReader.Stream(files).ToDatasetAsync();
        Assert.Equal(read.Entities.Select(Described), streamed.Entities.Select(Described));
        Assert.Equal(read.Facts.Select(ImportPlan.Fingerprint), streamed.Facts.Select(ImportPlan.Fingerprint));
        Assert.Equal(
            read.Relationships.Select(edge => (edge.FromKey, edge.Type, edge.ToKey, string.Join('|', edge.Sources))),
            streamed.Relationships.Select(edge => (edge.FromKey, edge.Type, edge.ToKey, string.Join('|', edge.Sources))));
    }

    private static string Described(Entity entity) =>
        $"{entity.Key} {entity.Kind} {entity.Name} [{string.Join('|', entity.Aliases)}] [{string.Join('|', entity.Tags)}] [{string.Join('|', entity.Sources)}] {entity.Link}";

    [Fact]
    public async Task A_problem_in_the_last_row_throws_after_the_parts_before_it_with_the_problems_a_whole_read_names()
    {
        var text = Large();
        text["facts.csv"] += "ent-49999,staff,很多人,七万,,,curated,,survey\n";
        var files = SeedFiles.Bytes(text);
        var expected = SeedReader.TryRead(files).Errors.Select(error => error.ToString()).ToList();

        var parts = 0;
        var thrown = await Assert.ThrowsAsync<SeedValidationException>(async () =>
        {
            await foreach (var part in SeedReader.Stream(files).ReadAllAsync())
            {
                Assert.Empty(part.Facts);
                parts++;
            }
        });

        Assert.True(parts > 1, "entities and relationships were handed on before the bad fact was read");
        Assert.Equal(expected, thrown.Errors.Select(error => error.ToString()));
        Assert.Matches(@"^facts\.csv:\d+:\d+: bad number '七万'", Assert.Single(expected));
    }

    [Fact]
    public async Task A_quote_left_open_late_in_a_file_is_reported_alone_as_a_whole_read_reports_it()
    {
        var text = Large();
        text["relationships.csv"] += "ent-00001,LOCATED_IN,\"park-a,curated,,open\n";
        text["facts.csv"] += "nobody,staff,3人,,,,curated,,survey\n";
        var files = SeedFiles.Bytes(text);
        var expected = SeedReader.TryRead(files).Errors.Select(error => error.ToString()).ToList();

        var thrown = await Assert.ThrowsAsync<SeedValidationException>(() => SeedReader.Stream(files).ToDatasetAsync());

        Assert.Equal(expected, thrown.Errors.Select(error => error.ToString()));
        Assert.Contains("a quoted field is never closed", Assert.Single(expected), StringComparison.Ordinal);
    }
}
