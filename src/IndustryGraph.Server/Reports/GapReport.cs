using System.Globalization;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Cancellation;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Server.Reports;

/// <summary>
/// The 招商清单: for a chain and a scope, one row per gap (MISSING, UNMAPPED, WEAK) and candidate (a gap without
/// candidates is one row), each with the rule behind the status (worded in the report's language) and the sources
/// behind the row: the reports that make a link UNMAPPED, then the candidate's placement in the link; with neither,
/// where the link itself comes from.
/// </summary>
public sealed record GapReport(string Chain, string Scope, long DataVersion, DateTimeOffset ExportedAt, IReadOnlyList<GapReportRow> Rows)
{
    /// <summary>Where the score sits among the columns (a number, not text, in the XLSX).</summary>
    public const int ScoreColumn = 6;

    public static readonly string[] EnglishColumns =
        ["chain", "link", "segment", "status", "rule", "candidate", "score", "reasons", "candidate district", "candidate park", "labs", "sources", "data version", "export time"];

    public static readonly string[] ChineseColumns =
        ["产业链", "环节", "上中下游", "状态", "判定依据", "候选企业", "得分", "得分构成", "候选企业所在区县", "候选企业所在园区", "科研机构", "来源", "数据版本", "导出时间"];

    public static IReadOnlyList<string> Columns(AnalysisLanguage language) => language == AnalysisLanguage.Chinese ? ChineseColumns : EnglishColumns;

    /// <summary>Builds the report from one analysis snapshot; unknown names fail with the analysis' own error.</summary>
    public static GapReport Build(ChainAnalysis analysis, long dataVersion, string chain, string? district, string? park, int threshold, AnalysisLanguage language, DateTimeOffset now)
    {
        var scope = ScopeResolver.Resolve(analysis.Index, park, district, park is null ? "district" : "park");
        var gaps = analysis.Gaps(analysis.ResolveChain(chain), scope, threshold, includeWeak: true);
        var words = new Words(language);
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

        return new GapReport(gaps.Chain.Name, scope.Label, dataVersion, now, rows);
    }

    /// <summary>The cells of a row in column order.</summary>
    public string?[] Cells(GapReportRow row) =>
        [row.Chain, row.Link, row.Segment, row.Status, row.Rule, row.Candidate, row.Score?.ToString(CultureInfo.InvariantCulture), row.Reasons, row.CandidateDistrict,
         row.CandidatePark, row.Labs, row.Sources, DataVersion.ToString(CultureInfo.InvariantCulture), ExportedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)];

    private sealed class Words(AnalysisLanguage language)
    {
        // Curated notes often begin with "curated:" themselves; the column says it once.
        private static string CuratedNote(string? note) =>
            note is null ? "" : note.StartsWith("curated:", StringComparison.OrdinalIgnoreCase) ? note["curated:".Length..].TrimStart() : note;

        private bool Chinese => language == AnalysisLanguage.Chinese;

        public string Segment(Segment segment) => !Chinese ? segment.ToCode() : segment switch
        {
            Domain.Graph.Segment.Upstream => "上游",
            Domain.Graph.Segment.Midstream => "中游",
            _ => "下游",
        };

        public string Status(LinkStatus status)
        {
            var code = status.ToString().ToUpperInvariant();
            return !Chinese ? code : code switch
            {
                "PRESENT" => "已有（PRESENT）",
                "WEAK" => "薄弱（WEAK）",
                "UNMAPPED" => "未映射（UNMAPPED）",
                "MISSING" => "缺失（MISSING）",
                _ => code,
            };
        }

        public string Sources(IEnumerable<SourceRef> sources) => string.Join("; ", sources.Select(source =>
            source.Curated || source.Document is null
                ? $"{(Chinese ? "人工整理" : "curated")}: {CuratedNote(source.Note)}"
                : Chinese ? $"{source.Document} 第{source.Paragraph}段" : $"{source.Document} ¶{source.Paragraph}").Distinct());
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
