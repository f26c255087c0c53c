using System.Collections.Frozen;

namespace IndustryGraph.Domain.Placements;

/// <summary>
/// Suggests chain links from the link profiles: the business scope (经营范围) is read in one pass of a word
/// automaton over every profile word and placement word, split into items, and each item counts for the links of
/// the things it names when the enterprise does them, or only for the trade and service links when it only sells,
/// rents or advises on them; the industry code and the name add evidence. Built once; immutable and thread-safe.
/// </summary>
public sealed class LinkProfileSuggester : IPlacementSuggester
{
    /// <summary>
    /// A link is suggested at this score or above: a word and the code together, or words in several pieces of the
    /// scope — not one piece alone (a sideline such as 软件开发 or 会议及展览服务 in a maker's scope), nor the code or the
    /// name alone.
    /// </summary>
    public const double SuggestThreshold = 0.6;

    /// <summary>What a code match adds: a full 小类 the profile names, or a 大类 or 中类 it names whole (a little less sure).</summary>
    public const double ExactCodeWeight = 0.35;

    public const double PartialCodeWeight = 0.3;

    /// <summary>A word of the name is weak evidence: names carry fashion words (科技, 智能) as often as a trade.</summary>
    public const double NameWeightFactor = 0.4;

    /// <summary>
    /// What a link's equivalent in another chain (the same industry) gets of its score: found through the
    /// equivalence rather than its own words, a little less sure.
    /// </summary>
    public const double EquivalentFactor = 0.9;

    private readonly string[] linkKeys;
    private readonly int[][] equivalents;
    private readonly WordAutomaton automaton;
    private readonly WordInfo[] words;
    private readonly FrozenDictionary<string, (int Link, string Code, double Weight)[]> codes;

    public LinkProfileSuggester(LinkProfileSet profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        linkKeys = profiles.Profiles.Select(profile => profile.LinkKey).Order(StringComparer.Ordinal).ToArray();
        var linkIndex = linkKeys.Select((key, index) => (key, index)).ToDictionary(pair => pair.key, pair => pair.index, StringComparer.Ordinal);
        var profileOf = profiles.Profiles.ToDictionary(profile => profile.LinkKey, StringComparer.Ordinal);
        equivalents = linkKeys
            .Select(key => profileOf[key].Equivalents.Where(linkIndex.ContainsKey).Select(equivalent => linkIndex[equivalent]).Order().ToArray())
            .ToArray();
        var vocabulary = new Dictionary<string, WordBuilder>(StringComparer.Ordinal);
        WordBuilder Entry(string word) => vocabulary.TryGetValue(word, out var entry) ? entry : vocabulary[word] = new WordBuilder();
        foreach (var profile in profiles.Profiles)
        {
            foreach (var word in profile.Words)
            {
                var entry = Entry(word);
                entry.Links.Add(linkIndex[profile.LinkKey]);
            }
        }

        var contextLinks = new HashSet<int>();
        foreach (var placementWord in profiles.Words)
        {
            var entry = Entry(placementWord.Word);
            entry.Kind = placementWord.Kind;
            entry.TradeLinks.UnionWith(placementWord.Links.Where(linkIndex.ContainsKey).Select(key => linkIndex[key]));
            contextLinks.UnionWith(entry.TradeLinks);
        }

        var texts = vocabulary.Keys.Order(StringComparer.Ordinal).ToArray();
        automaton = new WordAutomaton(texts);
        words = texts.Select(text => vocabulary[text].Build(text, contextLinks)).ToArray();

        var byCode = new Dictionary<string, List<(int, string, double)>>(StringComparer.Ordinal);
        foreach (var profile in profiles.Profiles)
        {
            foreach (var code in profile.Codes)
            {
                var weight = code.Partial ? PartialCodeWeight : ExactCodeWeight;
                var list = byCode.TryGetValue(code.Digits, out var found) ? found : byCode[code.Digits] = [];
                list.Add((linkIndex[profile.LinkKey], code.Digits, weight));
            }
        }

        codes = byCode.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<PlacementSuggestion> Suggest(EnterpriseDescription enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var scope = enterprise.BusinessScope ?? string.Empty;
        if (string.IsNullOrWhiteSpace(scope))
        {
            return [];
        }

        // Each thread reuses its own scratch, so the suggester stays shared and immutable.
        var scratch = Scratch.For(this);
        var tally = scratch.Tally;
        tally.Reset();
        scratch.Matches.Clear();
        automaton.FindAll(scope, scratch.Matches);
        KeepOutermost(scope, scratch.Matches);
        if (!new BusinessScopeReader(scope, scratch.Matches, words, tally).Read())
        {
            // Only holding, investing its own money or register boilerplate: no business to place.
            return [];
        }

        AddCode(enterprise.IndustryCode, tally);
        var name = enterprise.Name ?? string.Empty;
        scratch.Matches.Clear();
        automaton.FindAll(name, scratch.Matches);
        KeepOutermost(name, scratch.Matches);
        foreach (var match in scratch.Matches)
        {
            var word = words[match.Word];
            foreach (var link in word.Links)
            {
                tally.AddName(link, match, word.Weight * NameWeightFactor);
            }
        }

        return tally.Suggestions(scope, name, linkKeys, equivalents, SuggestThreshold, EquivalentFactor);
    }

    /// <summary>A thread's reusable buffers for one suggester.</summary>
    private sealed class Scratch(LinkProfileSuggester owner)
    {
        [ThreadStatic]
        private static Scratch? current;

        public LinkTally Tally { get; } = new(owner.linkKeys.Length);

        public List<WordMatch> Matches { get; } = [];

        public static Scratch For(LinkProfileSuggester suggester)
        {
            var scratch = current;
            if (scratch is null || !ReferenceEquals(scratch.owner, suggester))
            {
                current = scratch = new Scratch(suggester);
            }

            return scratch;
        }

        private readonly LinkProfileSuggester owner = owner;
    }

    private void AddCode(string? industryCode, LinkTally tally)
    {
        var digits = CodeDigits(industryCode);
        var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = digits.Length; length >= 2; length--)
        {
            if (lookup.TryGetValue(digits[..length], out var links))
            {
                foreach (var (link, code, weight) in links)
                {
                    tally.AddCode(link, code, weight);
                }
            }
        }
    }

    /// <summary>The digits of a GB/T 4754 code as registers write it (<c>C3983</c>, <c>3983</c>, <c> 398 </c>); empty when none.</summary>
    public static string IndustryCodeDigits(string? code) => CodeDigits(code).ToString();

    private static ReadOnlySpan<char> CodeDigits(string? code)
    {
        var text = (code ?? string.Empty).AsSpan().Trim();
        if (text.Length > 0 && char.IsAsciiLetter(text[0]))
        {
            text = text[1..];
        }

        return text.Length is >= 2 and <= 4 && !text.ContainsAnyExceptInRange('0', '9') ? text : [];
    }

    /// <summary>
    /// Keeps, in text order, the matches no longer match contains (销售 inside 汽车销售, 制造 inside 智能制造), without
    /// an ASCII word that is part of a longer ASCII word (CAD in CADENCE).
    /// </summary>
    private static void KeepOutermost(string text, List<WordMatch> matches)
    {
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var kept = 0;
        var reach = -1;
        for (var index = 0; index < matches.Count; index++)
        {
            var match = matches[index];
            if (match.End <= reach || !StandsAlone(text, match))
            {
                continue;
            }

            matches[kept++] = match;
            reach = Math.Max(reach, match.End);
        }

        matches.RemoveRange(kept, matches.Count - kept);
    }

    private static bool StandsAlone(string text, WordMatch match)
    {
        static bool IsAsciiWordChar(char character) => char.IsAsciiLetterOrDigit(character);
        return !(IsAsciiWordChar(text[match.Start]) && match.Start > 0 && IsAsciiWordChar(text[match.Start - 1]))
            && !(IsAsciiWordChar(text[match.End - 1]) && match.End < text.Length && IsAsciiWordChar(text[match.End]));
    }

    private sealed class WordBuilder
    {
        public HashSet<int> Links { get; } = [];

        public HashSet<int> TradeLinks { get; } = [];

        public PlacementWordKind? Kind { get; set; }

        public WordInfo Build(string text, HashSet<int> contextLinks)
        {
            var links = Links.Order().ToArray();
            return new WordInfo(
                Kind,
                links,
                links.Where(link => !contextLinks.Contains(link)).ToArray(),
                links.Where(contextLinks.Contains).ToArray(),
                TradeLinks.Order().ToArray(),
                WordWeight(text, Links.Count));
        }
    }

    /// <summary>
    /// How much one word says: a longer word is more specific than a two-character one, and a word many links
    /// share says less about each.
    /// </summary>
    private static double WordWeight(string text, int links)
    {
        var length = text.Count(character => !char.IsAscii(character)) + ((text.Count(char.IsAscii) + 1) / 2);
        var basis = length switch { >= 4 => 0.55, 3 => 0.45, 2 => 0.3, _ => 0.15 };
        return basis / Math.Pow(Math.Max(links, 1), 0.25);
    }
}

/// <summary>A word of the automaton: its placement kind if it is a verb or context, the links it names, and its weight.</summary>
/// <remarks>
/// <see cref="ProductLinks"/> are the links of things made or served; <see cref="ContextLinks"/> the trade and service
/// links (those a trading word names), which a word counts for only where the enterprise trades the thing or names no verb.
/// </remarks>
internal sealed record WordInfo(PlacementWordKind? Kind, int[] Links, int[] ProductLinks, int[] ContextLinks, int[] TradeLinks, double Weight);
