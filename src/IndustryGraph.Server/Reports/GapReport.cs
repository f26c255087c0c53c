using System.Globalization;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Cancellation;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Server.Entities;
using IndustryGraph.Server.Vocabulary;

namespace IndustryGraph.Server.Reports;

/// <summary>
/// The 招商清单: for a chain and a scope, one row per gap (MISSING, UNMAPPED, WEAK) and candidate (a gap without
/// candidates is one row), each with the rule behind the status (worded in the report's language) and the sources
/// behind the row: the reports that make a link UNMAPPED, then the candidate's placement in the link; with neither,
/// where the link itself comes from.
/// </summary>
public sealed record GapReport(string Chain, string Scope, long DataVersion, DateTimeOffset ExportedAt, IReadOnlyList<GapReportRow> Rows, AnalysisLanguage Language)
{
    /// <summary>Where the score sits among the columns (a number, not text, in the XLSX).</summary>
    public const int ScoreColumn = 6;

    public static readonly string[] EnglishColumns =
        ["chain", "link", "segment", "status", "rule", "candidate", "score", "reasons", "candidate district", "candidate park", "labs", "sources", "data version", "export time"];

    public static readonly string[] ChineseColumns =
        ["产业链", "环节", "上中下游", "状态", "判定依据", "候选企业", "得分", "得分构成", "候选企业所在区县", "候选企业所在园区", "科研机构", "来源", "数据版本", "导出时间"];

    // Beijing has kept one offset all year since 1991: the planners' clock, whatever the server's.
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>The export time's zone, said in the report's language.</summary>
    private string BeijingZone => Language == AnalysisLanguage.Chinese ? " 北京时间" : " Beijing time (UTC+8)";

    public static IReadOnlyList<string> Columns(AnalysisLanguage language) => language == AnalysisLanguage.Chinese ? ChineseColumns : EnglishColumns;

    /// <summary>Builds the report from one analysis snapshot; unknown names fail with the analysis' own error.</summary>
    public static GapReport Build(ChainAnalysis analysis, long dataVersion, string chain, string? district, string? park, int threshold, AnalysisLanguage language, DateTimeOffset now)
    {
        var scope = ScopeResolver.Resolve(analysis.Index, park, district, park is null ? "district" : "park");
        var gaps = analysis.Gaps(analysis.ResolveChain(chain), scope, threshold, includeWeak: true);
        var words = new Words(language, analysis.Index);
        var text = AnalysisText.For(language);
        var rows = new List<GapReportRow>();
        foreach (var gap in gaps.Gaps)
        {
            // A gap's candidates are worked out here: a report whose clock ran out or whose client left stops between gaps.
            WorkCancellation.ThrowIfCancelled();
            var assessment = gap.Assessment;
            var labs = string.Join("、", gap.ResearchPartners.Select(support => support.Partner.Name).Distinct());
            // The reports behind an UNMAPPED status come first; without any, the link's own source.
            var reportSources = gap.Reports.SelectMany(report => report.Sources).ToList();
            var common = new GapReportRow(gaps.Chain.Name, assessment.Link.Name, words.Segment(assessment.Link.Link!.Segment), words.Status(assessment.Status), text.Rule(assessment),
                "", null, "", "", "", labs, words.Sources(reportSources.Count > 0 ? reportSources : assessment.Link.Sources));
            if (gap.Candidates.Count == 0)
            {
                rows.Add(common);
                continue;
            }

            rows.AddRange(gap.Candidates.Select(candidate => common with
            {
                Candidate = candidate.Enterprise.Name,
                Score = candidate.Score,
                Reasons = string.Join("; ", candidate.Reasons.Select(reason => $"+{reason.Points.ToString(CultureInfo.InvariantCulture)} {text.Reason(reason)}")),
                CandidateDistrict = candidate.District?.Name ?? "",
                CandidatePark = string.Join("、", candidate.Parks.Select(item => item.Name)),
                Sources = words.Sources(reportSources.Concat(candidate.Placement.Sources)),
            }));
        }

        var scopeLabel = scope.Kind == ScopeKind.City ? words.Scope() : scope.Label;
        return new GapReport(gaps.Chain.Name, scopeLabel, dataVersion, now, rows, language);
    }

    /// <summary>The cells of a row in column order.</summary>
    public string?[] Cells(GapReportRow row) =>
        [row.Chain, row.Link, row.Segment, row.Status, row.Rule, row.Candidate, row.Score?.ToString(CultureInfo.InvariantCulture), row.Reasons, row.CandidateDistrict,
         row.CandidatePark, row.Labs, row.Sources, DataVersion.ToString(CultureInfo.InvariantCulture), ExportedAt.ToOffset(BeijingOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + BeijingZone];

    /// <summary>The report's words from the shared vocabulary; sources by the article's title and paragraph, never a file name.</summary>
    private sealed class Words(AnalysisLanguage language, GraphIndex index)
    {
        private static readonly Vocabulary.Vocabulary Vocabulary = Server.Vocabulary.Vocabulary.Shipped;

        private bool Chinese => language == AnalysisLanguage.Chinese;

        public string Scope() => Vocabulary.Label(VocabularySection.ScopeKinds, "CITY", language);

        public string Segment(Segment segment) => Vocabulary.Label(VocabularySection.Segments, segment.ToCode(), language);

        public string Status(LinkStatus status) => Vocabulary.Label(VocabularySection.Statuses, status.ToString().ToUpperInvariant(), language);

        public string Sources(IEnumerable<SourceRef> sources) => string.Join(Chinese ? "；" : "; ", sources.Select(Source).Distinct());

        private string Source(SourceRef source)
        {
            if (source.Curated || source.Document is null)
            {
                var note = Vocabulary.Text(SourceRefType.CuratedNote(source.Note), language);
                return $"{Vocabulary.Label(VocabularySection.Words, "curated", language)}{(Chinese ? "：" : ": ")}{note}";
            }

            var title = SourceRefType.ShortTitle(index.TryGetId(source.Document, out var id) ? index.Entity(id).Name : source.Document);
            return Chinese ? $"{title} 第{source.Paragraph}段" : $"{title} ¶{source.Paragraph}";
        }
    }
}

public sealed record GapReportRow(
    string Chain,
    string Link,
    string Segment,
    string Status,
    string Rule,
    string Candidate,
    double? Score,
    string Reasons,
    string CandidateDistrict,
    string CandidatePark,
    string Labs,
    string Sources);
