using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Tests.Placements;

public sealed class PlacementRecordsTests
{
    private static readonly PlacementEvidence[] Evidence =
    [
        new(PlacementEvidenceKind.Code, "3983", 0, 4),
        new(PlacementEvidenceKind.Word, "传感器\"模组\"\\", 12, 8),
        new(PlacementEvidenceKind.Name, "汉威", 0, 2),
    ];

    [Fact]
    public void Evidence_is_written_as_compact_arrays_and_read_back_whole()
    {
        var json = PlacementEvidenceJson.Write(Evidence);

        Assert.StartsWith("""[["CODE","3983",0,4],["WORD","传感器""", json, StringComparison.Ordinal);
        Assert.Equal(Evidence, PlacementEvidenceJson.Read(json));
        Assert.Equal(Evidence, PlacementEvidenceJson.ReadLazily(json));
        Assert.Equal(json, PlacementEvidenceJson.Write(PlacementEvidenceJson.ReadLazily(json)));
        Assert.Equal("[]", PlacementEvidenceJson.Write([]));
        Assert.Empty(PlacementEvidenceJson.Read(""));
    }

    [Theory]
    [InlineData("""{"kind":"WORD"}""")]
    [InlineData("""[["WORD","传感器",1]]""")]
    [InlineData("""[["SMELL","传感器",1,3]]""")]
    [InlineData("""[["WORD","传感器",1,3]""")]
    public void Evidence_that_is_not_the_compact_form_is_refused_with_a_format_error(string json) =>
        Assert.Throws<FormatException>(() => PlacementEvidenceJson.Read(json));

    [Fact]
    public void Kind_codes_read_back_and_numbers_are_not_kinds()
    {
        foreach (var kind in Enum.GetValues<PlacementKind>())
        {
            Assert.True(PlacementKindNames.TryParse(kind.ToCode(), out var read));
            Assert.Equal(kind, read);
        }

        Assert.Equal("SUGGESTED", PlacementKind.Suggested.ToCode());
        Assert.False(PlacementKindNames.TryParse("2", out _));
        Assert.False(PlacementKindNames.TryParseEvidence("SMELL", out _));
    }

    [Fact]
    public void Records_of_one_enterprise_order_best_first_with_unscored_ones_last()
    {
        PlacementRecord Record(string link, double? score) => new("ent-a", link, PlacementKind.Suggested, score, []);
        var ordered = new[] { Record("link-c", null), Record("link-b", 0.4), Record("link-a", 0.4), Record("link-d", 0.9) }.Order(PlacementRecords.BestFirst);
        Assert.Equal(["link-d", "link-a", "link-b", "link-c"], ordered.Select(record => record.LinkKey));
    }

    [Fact]
    public void Two_records_are_the_same_when_every_field_and_the_evidence_agree()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var record = new PlacementRecord("ent-a", "link-a", PlacementKind.Confirmed, 0.5, Evidence) { Basis = "b1", DecidedBy = "alice", DecidedAt = at };
        Assert.True(PlacementRecords.Same(record, record with { Evidence = PlacementEvidenceJson.ReadLazily(PlacementEvidenceJson.Write(Evidence)), DecidedAt = at.ToUniversalTime() }));
        Assert.False(PlacementRecords.Same(record, record with { Evidence = Evidence[..2] }));
        Assert.False(PlacementRecords.Same(record, record with { Basis = "b2" }));
        Assert.Equal(at, PlacementRecords.ParseTime(PlacementRecords.FormatTime(at)));
    }
}
