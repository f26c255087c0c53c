using IndustryGraph.Domain.Analysis;

namespace IndustryGraph.Domain.Tests.Analysis;

/// <summary>The Chinese wording never leaves a tag's English code in a sentence a planner reads.</summary>
public sealed class AnalysisTextTests
{
    [Theory]
    [InlineData("listed", "上市企业")]
    [InlineData("high-tech", "高新技术企业")]
    [InlineData("specialized", "专精特新企业")]
    public void A_quality_tag_reason_is_worded_in_chinese(string tag, string words)
    {
        var reason = new ScoreReason("TAG_" + tag.ToUpperInvariant().Replace('-', '_'), 0.5, tag);

        var chinese = AnalysisText.For(AnalysisLanguage.Chinese).Reason(reason);

        Assert.Equal("标记为" + words, chinese);
        Assert.Contains(tag, AnalysisText.For(AnalysisLanguage.English).Reason(reason), StringComparison.Ordinal);
    }
}
