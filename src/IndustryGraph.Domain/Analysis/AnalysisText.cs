using System.Globalization;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Analysis;

public enum AnalysisLanguage
{
    English,
    Chinese,
}

/// <summary>
/// Every sentence analysis says, in one language: rules, score reasons and error messages are built from
/// structured parts (numbers, names, sources) and worded here only, once per language.
/// </summary>
public abstract class AnalysisText
{
    public static AnalysisText English { get; } = new EnglishText();

    public static AnalysisText Chinese { get; } = new ChineseText();

    public static AnalysisText For(AnalysisLanguage language) => language == AnalysisLanguage.Chinese ? Chinese : English;

    /// <summary>The language an Accept-Language header asks for: Chinese for zh (zh-CN, zh-Hans, ...) ranked first, else English.</summary>
    public static AnalysisLanguage FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return AnalysisLanguage.English;
        }

        var best = header.Split(',')
            .Select((part, order) =>
            {
                var pieces = part.Split(';');
                var quality = pieces.Skip(1).Select(piece => piece.Trim())
                    .Where(piece => piece.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
                    .Select(piece => double.TryParse(piece[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0)
                    .DefaultIfEmpty(1).First();
                return (Tag: pieces[0].Trim(), Quality: quality, Order: order);
            })
            .Where(item => item.Tag.Length > 0 && item.Quality > 0)
            .OrderByDescending(item => item.Quality).ThenBy(item => item.Order)
            .FirstOrDefault(item => item.Tag == "*" || item.Tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || item.Tag.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return best.Tag is not null && best.Tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? AnalysisLanguage.Chinese : AnalysisLanguage.English;
    }

    public abstract AnalysisLanguage Language { get; }

    /// <summary>The rule behind a link's status, with its numbers and sources.</summary>
    public string Rule(LinkAssessment assessment)
    {
        var basis = assessment.Basis;
        var text = assessment.Status switch
        {
            LinkStatus.Present => Present(basis, assessment.CountInScope, Sourced(assessment)) + Confirmed(Confirmations(assessment)),
            LinkStatus.Weak => Weak(basis, assessment.CountInScope, Sourced(assessment)) + Confirmed(Confirmations(assessment)),
            LinkStatus.Suggested => Suggested(basis, assessment.SuggestedInScope),
            LinkStatus.Unmapped => Unmapped(basis, basis.Reports[0], OtherEvidence(basis.Reports)),
            _ => Missing(basis),
        };
        if (basis.TargetedBy.Count > 0)
        {
            text += Targeted(basis.TargetedBy[0], basis.Chain.Name, basis.TargetedBy.Count - 1);
        }

        if (assessment.CountInScope + assessment.EnterprisesElsewhere + assessment.SuggestedInScope.Count + assessment.SuggestedElsewhere == 0)
        {
            text += NoEnterpriseInGraph();
        }

        if (basis.Scope.Kind == ScopeKind.Park && basis.Category is { } category && !category.HostsIndustry())
        {
            text += HostsNoIndustry(basis.Scope.Place!.Name, category);
        }

        return text;
    }

    /// <summary>
    /// The reports after the first that add evidence: a report of the same place resting on exactly the sources of one
    /// already counted (one sentence read as both a FOCUSES_ON and a cluster fact) is the same evidence, counted once.
    /// </summary>
    public static IReadOnlyList<ChainReport> OtherEvidence(IReadOnlyList<ChainReport> reports)
    {
        var counted = new List<ChainReport>();
        foreach (var report in reports)
        {
            if (!counted.Exists(seen => seen.Place.Key == report.Place.Key && SameSources(seen.Sources, report.Sources)))
            {
                counted.Add(report);
            }
        }

        return counted.Skip(1).ToList();
    }

    private static bool SameSources(IReadOnlyList<SourceRef> left, IReadOnlyList<SourceRef> right) =>
        left.Select(SourceKey).ToHashSet().SetEquals(right.Select(SourceKey));

    private static (string?, int?, bool) SourceKey(SourceRef source) => (source.Document, source.Paragraph, source.Curated);

    /// <summary>Up to three further reports by place and source (金水区 003 ¶5), then how many more.</summary>
    protected string Listed(IReadOnlyList<ChainReport> others, string separator, Func<int, string> andMore)
    {
        const int Shown = 3;
        var listed = string.Join(separator, others.Take(Shown).Select(report => $"{report.Place.Name} {Sources(report.Sources)}".TrimEnd()));
        return others.Count > Shown ? listed + andMore(others.Count - Shown) : listed;
    }

    private static int Sourced(LinkAssessment assessment) => assessment.EnterprisesInScope.Count(placement => placement.Sourced);

    private static int Confirmations(LinkAssessment assessment) =>
        assessment.EnterprisesInScope.Count(placement => placement.Kind == Placements.PlacementKind.Confirmed);

    /// <summary>How many of the counted enterprises a planner confirmed (they count like curated ones); empty for none.</summary>
    protected abstract string Confirmed(int confirmed);

    /// <summary>The best suggestions by name and score (汉威科技 0.82), up to three, for a SUGGESTED rule.</summary>
    protected static string BestSuggestions(IReadOnlyList<Placement> suggested, string separator) =>
        string.Join(separator, suggested.Take(3).Select(placement => $"{placement.Enterprise.Name} {Number(placement.Score ?? 0)}"));

    /// <summary>Where a source points, short: <c>001 ¶7</c> for paragraph 7 of article 001_….txt; curated in words.</summary>
    public string Source(SourceRef source)
    {
        if (source.Curated)
        {
            return CuratedWord;
        }

        var document = source.Document ?? "";
        var underscore = document.IndexOf('_', StringComparison.Ordinal);
        var shortName = underscore > 0 && document[..underscore].All(char.IsAsciiDigit) ? document[..underscore] : document;
        return source.Paragraph is null ? shortName : $"{shortName} ¶{source.Paragraph.Value.ToString(CultureInfo.InvariantCulture)}";
    }

    public string Sources(IEnumerable<SourceRef> sources) => string.Join(", ", sources.Where(source => !source.Curated).Select(Source).Distinct());

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    protected static string Where(RuleBasis basis, string city) => basis.Scope.Place?.Name ?? city;

    protected static string ChainNames(ChainReport report) => string.Join("/", report.Chains.Select(chain => chain.Name));

    protected abstract string CuratedWord { get; }

    protected abstract string Present(RuleBasis basis, int count, int sourced);

    protected abstract string Weak(RuleBasis basis, int count, int sourced);

    protected abstract string Suggested(RuleBasis basis, IReadOnlyList<Placement> suggested);

    protected abstract string Unmapped(RuleBasis basis, ChainReport report, IReadOnlyList<ChainReport> others);

    protected abstract string Missing(RuleBasis basis);

    protected abstract string NoEnterpriseInGraph();

    protected abstract string Targeted(TargetingPlace place, string chain, int more);

    private string SourcesOrCurated(IReadOnlyList<SourceRef> sources) => sources.Any(source => !source.Curated) ? Sources(sources) : CuratedWord;

    protected abstract string HostsNoIndustry(string park, ParkCategory category);

    /// <summary>A report in words, e.g. 管城区 has 9 parks of 智能制造/新一代信息技术.</summary>
    public abstract string Report(ChainReport report);

    /// <summary>A candidate's score reason in words.</summary>
    public abstract string Reason(ScoreReason reason);

    public abstract string NotFound(string argument, EntityKind? kind, string reference, IReadOnlyList<string> suggestions);

    public abstract string Ambiguous(string argument, string reference, IReadOnlyList<string> suggestions);

    public abstract string OutOfRange(string argument, int min, int max, int value);

    public abstract string ParkNotInDistrict(string argument, string park, string district);

    public abstract string SameEnds(string name);

    public abstract string NotLinkOrEnterprise(string name, string kind);

    public abstract string WorksInNoLink(string name, SupplyDirection direction);

    public abstract string TooManyScopes(int count, int max);

    public abstract string EnterpriseCount(int count, int max);

    private sealed class EnglishText : AnalysisText
    {
        public override AnalysisLanguage Language => AnalysisLanguage.English;

        protected override string CuratedWord => "curated";

        private static string Enterprises(int count, string verb) => count == 1 ? $"1 enterprise {verb}s" : $"{count.ToString(CultureInfo.InvariantCulture)} enterprises {verb}";

        private static string Bands(int threshold) => threshold switch
        {
            1 => "PRESENT from 1",
            2 => "WEAK is 1, PRESENT from 2",
            _ => $"WEAK is 1 to {threshold - 1}, PRESENT from {threshold}",
        };

        private static string Basis(int count, int sourced) => $"{sourced} stated by an article, {count - sourced} curated";

        protected override string Present(RuleBasis basis, int count, int sourced) =>
            $"PRESENT: {Enterprises(count, "work")} in this link in {Where(basis, "the whole city")} ({Basis(count, sourced)}), at least the threshold of {basis.Threshold}";

        protected override string Weak(RuleBasis basis, int count, int sourced) =>
            $"WEAK: {Enterprises(count, "work")} in this link in {Where(basis, "the whole city")} ({Basis(count, sourced)}), fewer than the threshold of {basis.Threshold} ({Bands(basis.Threshold)})";

        protected override string Confirmed(int confirmed) =>
            confirmed == 0 ? "" : $"; {confirmed} of the curated {(confirmed == 1 ? "is" : "are")} a planner's confirmation of a suggestion from the register";

        protected override string Suggested(RuleBasis basis, IReadOnlyList<Placement> suggested) =>
            $"SUGGESTED: no enterprise in {Where(basis, "the whole city")} is placed in this link, but {(suggested.Count == 1 ? "1 enterprise is" : $"{suggested.Count.ToString(CultureInfo.InvariantCulture)} enterprises are")} suggested for it from the register ({BestSuggestions(suggested, ", ")}{(suggested.Count > 3 ? ", …" : "")}): computed suggestions, not facts; confirm or reject them";

        protected override string Unmapped(RuleBasis basis, ChainReport report, IReadOnlyList<ChainReport> others) =>
            $"UNMAPPED: {Report(report)} ({Sources(report.Sources)}){(others.Count > 0 ? $", and {others.Count} more report{(others.Count == 1 ? "" : "s")} ({Listed(others, "; ", more => $"; {more} others")})" : "")}, but none of the {basis.KnownInScope} enterprises known there is mapped to this link";

        protected override string Missing(RuleBasis basis) =>
            $"MISSING: no enterprise in {Where(basis, "the whole city")} works in this link (0 of the {basis.KnownInScope} enterprises known there) and no article reports {basis.Chain.Name} there ({Bands(basis.Threshold)})";

        protected override string Targeted(TargetingPlace place, string chain, int more) =>
            $"; {place.Place.Name} targets {chain} (TARGETS, {SourcesOrCurated(place.Sources)}){(more > 0 ? $", and {more} more place{(more == 1 ? "" : "s")}" : "")}: a target, not presence";

        protected override string NoEnterpriseInGraph() =>
            "; no enterprise anywhere in the graph works in this link (what the graph does not know, not evidence that the city lacks it)";

        protected override string HostsNoIndustry(string park, ParkCategory category) => category == ParkCategory.Headquarters
            ? $"; {park} is a headquarters building or commercial complex (HEADQUARTERS): it hosts offices, not production"
            : $"; {park} is a policy zone (POLICY_ZONE): a label over other places, hosting no industry of its own";

        public override string Report(ChainReport report)
        {
            var count = report.Count is { } number ? Number(number) : report.Value ?? "";
            return report.Kind switch
            {
                ChainReportKind.ParkCount => $"{report.Place.Name} has {count} {ChainNames(report)} parks",
                ChainReportKind.EnterpriseCount => $"{report.Place.Name} has {count} {ChainNames(report)} enterprises",
                ChainReportKind.Cluster => $"{report.Place.Name} is described as “{report.Value}”, with {ChainNames(report)} already present",
                _ => $"{report.Place.Name} focuses on {ChainNames(report)} (FOCUSES_ON)",
            };
        }

        public override string Reason(ScoreReason reason) => reason.Code switch
        {
            "LEADS_CHAIN" => $"anchor (链主/龙头) of {reason.Args[0]} (LEADS)",
            "ANCHOR_TAG" => "tagged anchor (a leading enterprise)",
            "CHAIN_LINKS" => reason.Args[0] == "0"
                ? $"placed in none of the {reason.Args[1]} links of {reason.Args[2]}"
                : $"works in {reason.Args[0]} of the {reason.Args[1]} links of {reason.Args[2]}: {reason.Args[3]}",
            "SAME_DISTRICT" => $"already in {reason.Args[0]}, the district of {reason.Args[1]}",
            "IN_CHAIN" => $"an article ties it to {reason.Args[0]} (IN_CHAIN)",
            "SOURCED_PLACEMENT" => "an article states that it works in this link",
            "CURATED_PLACEMENT" => "its placement in this link is curated, not stated by an article",
            "CONFIRMED_PLACEMENT" => "a planner confirmed its placement in this link",
            "SUGGESTED_PLACEMENT" => $"suggested for this link from its register entry (score {reason.Args[0]}), not confirmed by a planner",
            "EQUIVALENT_LINK" => $"placed in {reason.Args[0]} of {reason.Args[1]}, the same industry as {reason.Args[2]}",
            "NO_LOCATION" => "its location is not recorded",
            _ => $"tagged {reason.Args[0]}",
        };

        private static string Listing(IReadOnlyList<string> suggestions) => suggestions.Count == 0 ? "" : $"; did you mean {string.Join(", ", suggestions)}?";

        public override string NotFound(string argument, EntityKind? kind, string reference, IReadOnlyList<string> suggestions) =>
            NotFound(argument, kind is null ? "entity" : kind.Value.ToCode().ToLowerInvariant().Replace('_', ' '), reference, suggestions);

        private static string NotFound(string argument, string what, string reference, IReadOnlyList<string> suggestions) =>
            $"{argument}: no {what} has the id, key, name or alias '{reference}', and no single {what} name starts with or contains it{Listing(suggestions)}";

        public override string Ambiguous(string argument, string reference, IReadOnlyList<string> suggestions) =>
            $"{argument}: '{reference}' fits {suggestions.Count} names ({string.Join(", ", suggestions)}); give more of the name, or a key or id";

        public override string OutOfRange(string argument, int min, int max, int value) => $"{argument}: must be from {min} to {max}, not {value}";

        public override string ParkNotInDistrict(string argument, string park, string district) =>
            $"{argument}: park {park} is not in district {district}; give one of them, or a park inside the district";

        public override string SameEnds(string name) => $"to: names the same entity as from ({name}); a path needs two entities";

        public override string NotLinkOrEnterprise(string name, string kind) => $"of: {name} is a {kind}; give a chain link or an enterprise";

        public override string WorksInNoLink(string name, SupplyDirection direction) =>
            $"of: {name} works in no chain link (it has no WORKS_IN relationship), so it has no {direction.ToString().ToLowerInvariant()} links to follow";

        public override string TooManyScopes(int count, int max) => $"compare: {count} scopes, more than {max}";

        public override string EnterpriseCount(int count, int max) => $"enterprises: give 1 to {max} enterprises, not {count}";
    }

    private sealed class ChineseText : AnalysisText
    {
        public override AnalysisLanguage Language => AnalysisLanguage.Chinese;

        protected override string CuratedWord => "整理";

        private static string Bands(int threshold) => threshold switch
        {
            1 => "1家起为已具备",
            2 => "1家为薄弱，2家起为已具备",
            _ => $"1至{threshold - 1}家为薄弱，{threshold}家起为已具备",
        };

        private static string Basis(int count, int sourced) => $"文章载明{sourced}家，整理{count - sourced}家";

        protected override string Present(RuleBasis basis, int count, int sourced) =>
            $"已有：{Where(basis, "全市")}有{count}家企业在此环节（{Basis(count, sourced)}），达到阈值{basis.Threshold}家";

        protected override string Weak(RuleBasis basis, int count, int sourced) =>
            $"薄弱：{Where(basis, "全市")}有{count}家企业在此环节（{Basis(count, sourced)}），少于阈值{basis.Threshold}家（{Bands(basis.Threshold)}）";

        protected override string Unmapped(RuleBasis basis, ChainReport report, IReadOnlyList<ChainReport> others) =>
            $"未映射：{Report(report)}（{Sources(report.Sources)}）{(others.Count > 0 ? $"，另有{others.Count}条报道（{Listed(others, "；", more => $"；等{more}条")}）" : "")}，但图中已知的当地{basis.KnownInScope}家企业均未对应到此环节";

        protected override string Confirmed(int confirmed) => confirmed == 0 ? "" : $"；整理所得中有{confirmed}家是规划人员对登记信息建议的确认";

        protected override string Suggested(RuleBasis basis, IReadOnlyList<Placement> suggested) =>
            $"待确认：{Where(basis, "全市")}尚无企业确定在此环节，但根据企业登记信息有{suggested.Count}家被建议归入此环节（{BestSuggestions(suggested, "、")}{(suggested.Count > 3 ? "等" : "")}）：这是计算得出的建议，不是事实，请确认或否决";

        protected override string Missing(RuleBasis basis) =>
            $"缺失：{Where(basis, "全市")}没有企业在此环节（当地已知{basis.KnownInScope}家企业中为0家），也没有文章报道{basis.Chain.Name}在此（{Bands(basis.Threshold)}）";

        protected override string Targeted(TargetingPlace place, string chain, int more) =>
            $"；{place.Place.Name}将{chain}列为发展目标（{SourcesOrCurated(place.Sources)}）{(more > 0 ? $"，另有{more}处" : "")}：这是目标，并非已有";

        protected override string NoEnterpriseInGraph() => "；图中任何地方都没有企业在此环节：这是图谱未掌握的信息，不能说明本市缺少此环节";

        protected override string HostsNoIndustry(string park, ParkCategory category) => category == ParkCategory.Headquarters
            ? $"；{park}是总部楼宇或商业综合体：承载办公而非生产"
            : $"；{park}是政策区：覆盖其他园区的名义，本身不承载产业";

        public override string Report(ChainReport report)
        {
            var count = report.Count is { } number ? Number(number) : report.Value ?? "";
            return report.Kind switch
            {
                ChainReportKind.ParkCount => $"{report.Place.Name}有{count}个{ChainNames(report)}园区",
                ChainReportKind.EnterpriseCount => $"{report.Place.Name}有{count}家{ChainNames(report)}企业",
                ChainReportKind.Cluster => $"{report.Place.Name}被称为“{report.Value}”，已有{ChainNames(report)}产业",
                _ => $"{report.Place.Name}聚焦{ChainNames(report)}产业",
            };
        }

        public override string Reason(ScoreReason reason) => reason.Code switch
        {
            "LEADS_CHAIN" => $"{reason.Args[0]}的链主/龙头企业",
            "ANCHOR_TAG" => "标记为龙头企业",
            "CHAIN_LINKS" => reason.Args[0] == "0"
                ? $"尚未确定在{reason.Args[2]}的{reason.Args[1]}个环节中的任何一个"
                : $"在{reason.Args[2]}的{reason.Args[1]}个环节中占{reason.Args[0]}个：{reason.Args[3]}",
            "SAME_DISTRICT" => $"已在{reason.Args[1]}所在的{reason.Args[0]}",
            "IN_CHAIN" => $"有文章把它与{reason.Args[0]}联系在一起",
            "SOURCED_PLACEMENT" => "有文章载明它在此环节",
            "CURATED_PLACEMENT" => "它在此环节是整理所得，并非文章载明",
            "CONFIRMED_PLACEMENT" => "规划人员已确认它在此环节",
            "SUGGESTED_PLACEMENT" => $"根据其登记信息建议归入此环节（得分{reason.Args[0]}），尚未经规划人员确认",
            "EQUIVALENT_LINK" => $"在{reason.Args[1]}的{reason.Args[0]}环节，与{reason.Args[2]}属同一产业",
            "NO_LOCATION" => "未记录其所在地",
            "TAG_HIGH_TECH" => "标记为高新技术企业",
            "TAG_SPECIALIZED" => "标记为专精特新企业",
            "TAG_LISTED" => "标记为上市企业",
            _ => $"标记为{reason.Args[0]}",
        };

        private static string Listing(IReadOnlyList<string> suggestions) => suggestions.Count == 0 ? "" : $"；是否要找：{string.Join("、", suggestions)}？";

        public override string NotFound(string argument, EntityKind? kind, string reference, IReadOnlyList<string> suggestions) =>
            NotFound(argument, kind switch
            {
                EntityKind.District => "区县",
                EntityKind.Park => "园区",
                EntityKind.Enterprise => "企业",
                EntityKind.IndustryChain => "产业链",
                EntityKind.ChainLink => "产业链环节",
                EntityKind.ResearchPartner => "研发机构",
                EntityKind.Organization => "机构",
                EntityKind.SourceDocument => "来源文章",
                _ => "实体",
            }, reference, suggestions);

        private static string NotFound(string argument, string what, string reference, IReadOnlyList<string> suggestions) =>
            $"{argument}：没有{what}的id、键、名称或别名是“{reference}”，也没有唯一一个名称以它开头或包含它{Listing(suggestions)}";

        public override string Ambiguous(string argument, string reference, IReadOnlyList<string> suggestions) =>
            $"{argument}：“{reference}”对应{suggestions.Count}个名称（{string.Join("、", suggestions)}）；请写出更多名称，或给出键或id";

        public override string OutOfRange(string argument, int min, int max, int value) => $"{argument}：须在{min}到{max}之间，而不是{value}";

        public override string ParkNotInDistrict(string argument, string park, string district) =>
            $"{argument}：园区{park}不在{district}；请只给其一，或给出该区内的园区";

        public override string SameEnds(string name) => $"to：与from是同一实体（{name}）；路径需要两个实体";

        public override string NotLinkOrEnterprise(string name, string kind) => $"of：{name}是{kind}；请给出产业链环节或企业";

        public override string WorksInNoLink(string name, SupplyDirection direction) =>
            $"of：{name}不在任何产业链环节（没有所属环节的关系），因此没有可追溯的{(direction == SupplyDirection.Upstream ? "上游" : "下游")}环节";

        public override string TooManyScopes(int count, int max) => $"compare：{count}个范围，超过{max}个";

        public override string EnterpriseCount(int count, int max) => $"enterprises：请给出1到{max}家企业，而不是{count}家";
    }
}
