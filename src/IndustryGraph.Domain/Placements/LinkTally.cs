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

    /// <summary>
    /// Adds a word found in piece <paramref name="piece"/> of the scope. One piece names one thing: of the words a
    /// piece holds for a link, the strongest counts (应用软件 and 软件开发 in 人工智能应用软件开发 are one piece of
    /// evidence, not two); separate pieces add up, and a word already counted in another piece adds nothing.
    /// </summary>
    public void AddWord(int link, WordMatch match, int piece, string scope, double weight, bool trade)
    {
        var evidence = Of(link);
        var pieces = trade ? evidence.TradePieces : evidence.DoingPieces;
        if ((trade ? evidence.TradeWords : evidence.DoingWords).Add(match.Word))
        {
            pieces[piece] = Math.Max(pieces.GetValueOrDefault(piece), weight);
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

    /// <summary>
    /// The links at <paramref name="threshold"/> or above, best first (ties by key). A link's equivalents in other
    /// chains (the same industry) are suggested with its evidence at <paramref name="equivalentFactor"/> of its
    /// score, unless their own words score higher.
    /// </summary>
    public IReadOnlyList<PlacementSuggestion> Suggestions(string[] linkKeys, int[][] equivalents, double threshold, double equivalentFactor)
    {
        var scored = new SortedDictionary<int, (double Score, IReadOnlyList<PlacementEvidence> Evidence)>();
        foreach (var (link, evidence) in byLink)
        {
            if (evidence.Matches.Count > 0 || evidence.Codes.Count > 0)
            {
                scored[link] = (Score(evidence), evidence.Ordered());
            }
        }

        var found = scored.ToList();
        foreach (var (link, (score, evidence)) in found.Where(pair => pair.Value.Score >= threshold))
        {
            var carried = Math.Round(score * equivalentFactor, 3);
            foreach (var equivalent in equivalents[link])
            {
                if (!scored.TryGetValue(equivalent, out var own) || own.Score < carried)
                {
                    scored[equivalent] = (carried, evidence);
                }
            }
        }

        var suggestions = scored
            .Where(pair => pair.Value.Score >= threshold)
            .Select(pair => new PlacementSuggestion(linkKeys[pair.Key], pair.Value.Score, pair.Value.Evidence))
            .ToList();
        suggestions.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.LinkKey, b.LinkKey));
        return suggestions;
    }

    private double Score(LinkEvidence evidence)
    {
        var doing = 1 - evidence.DoingPieces.Values.Aggregate(1.0, (remainder, weight) => remainder * (1 - weight));
        var trade = 1 - evidence.TradePieces.Values.Aggregate(1.0, (remainder, weight) => remainder * (1 - weight));
        var words = 1 - ((1 - doing) * (1 - (trade * TradeShare)));
        return Math.Round(1 - ((1 - evidence.Code) * (1 - words) * evidence.NameRemainder), 3);
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

        public Dictionary<int, double> DoingPieces { get; } = [];

        public Dictionary<int, double> TradePieces { get; } = [];

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
