namespace IndustryGraph.Domain.Placements;

/// <summary>
/// The evidence gathered for one enterprise, per link, and the scores it makes. Each distinct word counts once
/// per link (a word said twice is not twice the evidence), every occurrence is kept as evidence.
/// </summary>
internal sealed class LinkTally(int links)
{
    private readonly Dictionary<int, LinkEvidence> byLink = new(Math.Min(links, 16));

    /// <summary>The share of the scope's pieces that only trade: how far trading is the business, not a sideline.</summary>
    public double TradeShare { get; set; }

    public void AddWord(int link, WordMatch match, string scope, double weight, bool trade)
    {
        var evidence = Of(link);
        if (trade && evidence.TradeWords.Add(match.Word))
        {
            evidence.TradeRemainder *= 1 - weight;
        }
        else if (!trade && evidence.DoingWords.Add(match.Word))
        {
            evidence.DoingRemainder *= 1 - weight;
        }

        evidence.Matches.Add(new PlacementEvidence(PlacementEvidenceKind.Word, scope.Substring(match.Start, match.Length), match.Start, match.Length));
    }

    public void AddCode(int link, string code, double weight)
    {
        var evidence = Of(link);
        if (weight > evidence.Code)
        {
            evidence.Code = weight;
        }

        evidence.Codes.Add(new PlacementEvidence(PlacementEvidenceKind.Code, code, 0, code.Length));
    }

    public void AddName(int link, WordMatch match, string name, double weight)
    {
        var evidence = Of(link);
        if (evidence.NameWords.Add(match.Word))
        {
            evidence.NameRemainder *= 1 - weight;
        }

        evidence.Names.Add(new PlacementEvidence(PlacementEvidenceKind.Name, name.Substring(match.Start, match.Length), match.Start, match.Length));
    }

    public IReadOnlyList<PlacementSuggestion> Suggestions(string[] linkKeys, double threshold)
    {
        var suggestions = new List<PlacementSuggestion>();
        foreach (var (link, evidence) in byLink)
        {
            var words = 1 - (evidence.DoingRemainder * (1 - ((1 - evidence.TradeRemainder) * TradeShare)));
            var score = Math.Round(1 - ((1 - evidence.Code) * (1 - words) * evidence.NameRemainder), 3);
            if (score >= threshold && (evidence.Matches.Count > 0 || evidence.Codes.Count > 0))
            {
                suggestions.Add(new PlacementSuggestion(linkKeys[link], score, evidence.Ordered()));
            }
        }

        suggestions.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.LinkKey, b.LinkKey));
        return suggestions;
    }

    private LinkEvidence Of(int link)
    {
        if (!byLink.TryGetValue(link, out var evidence))
        {
            byLink[link] = evidence = new LinkEvidence();
        }

        return evidence;
    }

    private sealed class LinkEvidence
    {
        public HashSet<int> DoingWords { get; } = [];

        public HashSet<int> TradeWords { get; } = [];

        public HashSet<int> NameWords { get; } = [];

        public double Code { get; set; }

        public double DoingRemainder { get; set; } = 1;

        public double TradeRemainder { get; set; } = 1;

        public double NameRemainder { get; set; } = 1;

        public List<PlacementEvidence> Codes { get; } = [];

        public List<PlacementEvidence> Matches { get; } = [];

        public List<PlacementEvidence> Names { get; } = [];

        /// <summary>Codes first, then the scope's words and the name's, each in text order, each match once.</summary>
        public IReadOnlyList<PlacementEvidence> Ordered() =>
        [
            .. Codes.Distinct().OrderBy(code => code.Length).ThenBy(code => code.Text, StringComparer.Ordinal),
            .. Matches.Distinct().OrderBy(match => match.Start).ThenBy(match => match.Length),
            .. Names.Distinct().OrderBy(match => match.Start).ThenBy(match => match.Length),
        ];
    }
}
