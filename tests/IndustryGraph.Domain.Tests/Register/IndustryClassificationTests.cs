using IndustryGraph.Domain.Register;

namespace IndustryGraph.Domain.Tests.Register;

/// <summary>The shipped GB/T 4754-2017 table (seed/reference) is whole and consistent, and names read to codes.</summary>
public sealed class IndustryClassificationTests
{
    public static IndustryClassification Shipped { get; } =
        IndustryClassification.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "seed", "reference", IndustryClassification.FileName)));

    private static IEnumerable<IndustryEntry> Level(IndustryLevel level) => Shipped.Entries.Where(entry => entry.Level == level);

    [Fact]
    public void Codes_are_a_letter_or_two_to_four_digits()
    {
        Assert.All(Shipped.Entries, entry => Assert.Matches(entry.Level == IndustryLevel.Section ? "^[A-T]$" : "^[0-9]{2,4}$", entry.Code));
        Assert.All(Shipped.Entries, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Name)));
    }

    [Fact]
    public void Every_code_extends_its_parent_and_sits_in_its_section()
    {
        var codes = Shipped.Entries.Select(entry => entry.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in Level(IndustryLevel.Class).Concat(Level(IndustryLevel.Group)))
        {
            var parent = Shipped.Find(entry.Code[..^1]);
            Assert.True(parent is not null, $"{entry.Code} {entry.Name} has no parent {entry.Code[..^1]}");
            Assert.Equal(parent.Section, entry.Section);
        }

        foreach (var division in Level(IndustryLevel.Division))
        {
            var section = Shipped.Find(division.Section);
            Assert.True(section is not null, $"{division.Code} names section {division.Section}, which is not in the table");
            var range = section.Divisions.Split('-');
            Assert.InRange(string.CompareOrdinal(division.Code, range[0]), 0, int.MaxValue);
            Assert.InRange(string.CompareOrdinal(division.Code, range[1]), int.MinValue, 0);
        }

        Assert.All(Level(IndustryLevel.Group), group => Assert.Contains(Level(IndustryLevel.Class), entry => entry.Code.StartsWith(group.Code, StringComparison.Ordinal)));
        Assert.All(Level(IndustryLevel.Division), division => Assert.Contains(Level(IndustryLevel.Group), entry => entry.Code.StartsWith(division.Code, StringComparison.Ordinal)));
        Assert.NotEmpty(codes);
    }

    [Fact]
    public void Section_ranges_follow_each_other_without_gaps_or_overlaps()
    {
        var ranges = Level(IndustryLevel.Section).Select(section => section.Divisions.Split('-').Select(int.Parse).ToArray()).ToList();
        Assert.Equal(1, ranges[0][0]);
        for (var i = 1; i < ranges.Count; i++)
        {
            Assert.Equal(ranges[i - 1][1] + 1, ranges[i][0]);
        }

        Assert.Equal(Level(IndustryLevel.Division).Count(), ranges.Sum(range => range[1] - range[0] + 1));
    }

    [Theory]
    [InlineData(IndustryLevel.Section)]
    [InlineData(IndustryLevel.Division)]
    [InlineData(IndustryLevel.Group)]
    [InlineData(IndustryLevel.Class)]
    public void No_code_or_name_repeats_within_a_level(IndustryLevel level)
    {
        var entries = Level(level).ToList();
        Assert.Equal(entries.Count, entries.Select(entry => entry.Code).Distinct().Count());
        Assert.Equal(entries.Count, entries.Select(entry => entry.Name).Distinct().Count());
    }

    [Fact]
    public void The_table_is_the_whole_classification()
    {
        // GB/T 4754-2017 has 20 门类, 97 大类, 473 中类 and 1 382 小类.
        Assert.Equal([20, 97, 473, 1382], Enum.GetValues<IndustryLevel>().Select(level => Level(level).Count()));
    }

    [Fact]
    public void The_most_specific_known_name_wins()
    {
        var reading = Shipped.Read("制造业", "计算机、通信和其他电子设备制造业", "电子元件及电子专用材料制造", "敏感元件及传感器制造");
        Assert.Equal("3983", reading.Entry?.Code);
        Assert.Empty(reading.Unknown);
        Assert.Null(reading.Conflicting);
    }

    [Fact]
    public void An_unknown_name_is_reported_and_the_level_above_is_used()
    {
        var reading = Shipped.Read("制造业", "计算机、通信和其他电子设备制造业", "", "智能传感器研制");
        Assert.Equal("39", reading.Entry?.Code);
        Assert.Equal([(IndustryLevel.Class, "智能传感器研制")], reading.Unknown);
    }

    [Fact]
    public void Names_with_their_code_in_front_are_read()
    {
        Assert.Equal("3973", Shipped.Read("C 制造业", "C39 计算机、通信和其他电子设备制造业", "", "3973 集成电路制造").Entry?.Code);
    }

    [Fact]
    public void A_name_of_another_branch_is_a_conflict()
    {
        var reading = Shipped.Read("", "批发业", "", "集成电路制造");
        Assert.Equal("3973", reading.Entry?.Code);
        Assert.Equal("51", reading.Conflicting?.Code);
    }
}
