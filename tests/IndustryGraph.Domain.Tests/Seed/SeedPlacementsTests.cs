using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Seed;

/// <summary>The optional placements.csv of a seed folder.</summary>
public sealed class SeedPlacementsTests
{
    private const string Header = "enterprise,link,kind,score,evidence,basis,decided_by,decided_at";

    private static SeedReadResult Read(params string[] rows)
    {
        var files = SeedFiles.Valid();
        files[SeedReader.PlacementsFile] = Header + "\n" + string.Join('\n', rows) + "\n";
        return SeedReader.TryRead(SeedFiles.Bytes(files));
    }

    [Fact]
    public void A_folder_without_placements_csv_has_no_placements()
    {
        var result = SeedReader.TryRead(SeedFiles.Bytes(SeedFiles.Valid()));
        Assert.Empty(result.Errors);
        Assert.Empty(result.Dataset!.Placements);
    }

    [Fact]
    public void Rows_become_records_with_every_column()
    {
        var result = Read(
            "ent-a,link-a-2,SUGGESTED,0.72,\"[[\"\"WORD\"\",\"\"传感器\"\",4,3]]\",5f1c0a,,",
            "ent-a,link-a-1,confirmed,,,,analyst-wang,2026-12-01T09:30:00+08:00");

        Assert.Empty(result.Errors);
        var placements = result.Dataset!.Placements.ToDictionary(record => record.LinkKey);
        var suggested = placements["link-a-2"];
        Assert.Equal((PlacementKind.Suggested, 0.72, "5f1c0a"), (suggested.Kind, suggested.Score!.Value, suggested.Basis!));
        Assert.Equal(new PlacementEvidence(PlacementEvidenceKind.Word, "传感器", 4, 3), Assert.Single(suggested.Evidence));
        var confirmed = placements["link-a-1"];
        Assert.Equal((PlacementKind.Confirmed, "analyst-wang", new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.Zero)), (confirmed.Kind, confirmed.DecidedBy!, confirmed.DecidedAt!.Value));
    }

    [Fact]
    public void Every_bad_row_is_named_with_its_line_and_column()
    {
        var result = Read(
            "ent-a,link-a-1,SOURCED,,,,,",
            "park-a,link-a-1,SUGGESTED,,,,,",
            "ent-a,chain-a,SUGGESTED,,,,,",
            "ent-a,link-nowhere,SUGGESTED,,,,,",
            "ent-a,link-a-2,SUGGESTED,high,,,,",
            "ent-a,link-a-2,SUGGESTED,,[1],,,",
            "ent-a,link-a-2,REJECTED,,,,,yesterday",
            "ent-a,link-a-2,SUGGESTED,,,,,",
            "ent-a,link-a-2,SUGGESTED,,,,,");

        Assert.Null(result.Dataset);
        var messages = result.Errors.Select(error => $"{error.File}:{error.Line}:{error.Column}: {error.Message}").ToList();
        Assert.Contains(messages, message => message.StartsWith("placements.csv:2:16: SOURCED placements are WORKS_IN rows", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:3:1: 'park-a' is a PARK", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:4:7: 'chain-a' is a INDUSTRY_CHAIN", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:5:7: reference to nothing", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:6:26: bad number 'high'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:7:", StringComparison.Ordinal) && message.Contains("evidence", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:8:", StringComparison.Ordinal) && message.Contains("bad time 'yesterday'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.StartsWith("placements.csv:10:1: duplicate row", StringComparison.Ordinal));
        Assert.Equal(8, messages.Count);
    }
}
