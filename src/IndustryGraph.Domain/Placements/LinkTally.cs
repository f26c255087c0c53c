namespace IndustryGraph.Domain.Placements;

/// <summary>
/// The evidence gathered for one enterprise, per link, and the scores it makes. Each distinct word counts once
/// per link (a word said twice is not twice the evidence); every occurrence is kept as evidence. One tally is
/// reused by a thread from one enterprise to the next (<see cref="Reset"/>), so a suggestion allocates little
/// beyond its answer.
/// </summary>
internal sealed class LinkTally
{
    private readonly List<WordEvent> words = [];
    private readonly List<CodeEvent> codes = [];
    private readonly List<WordEvent> names = [];
    private readonly HashSet<long> counted = [];
    private readonly List<int> touched = [];
    private readonly bool[] isTouched;
    private readonly double[] code;
    private readonly double[] doingRemainder;
    private readonly double[] tradeRemainder;
    private readonly PieceRun[] doingRun;
    private readonly PieceRun[] tradeRun;
    private readonly double[] nameRemainder;
    private readonly bool[] hasEvidence;
    private readonly double[] score;
    private readonly double[] ownScore;
    private readonly int[] evidenceOf;

    public LinkTally(int links)
    {
        isTouched = new bool[links];
        code = new double[links];
        doingRemainder = new double[links];
        tradeRemainder = new double[links];
        doingRun = new PieceRun[links];
        tradeRun = new PieceRun[links];
        nameRemainder = new double[links];
        hasEvidence = new bool[links];
        score = new double[links];
        ownScore = new double[links];
        evidenceOf = new int[links];
    }

    /// <summary>The pieces of the scope being read, kept here so that reading one allocates nothing.</summary>
    public List<ScopePiece> Pieces { get; } = [];

    /// <summary>The share of the scope's pieces that only trade: how far trading is the business, not a sideline.</summary>
    public double TradeShare { get; set; }

    public void Reset()
    {
        foreach (var link in touched)
        {
            isTouched[link] = false;
        }

        touched.Clear();
        words.Clear();
        codes.Clear();
        names.Clear();
        counted.Clear();
        Pieces.Clear();
        TradeShare = 0;
    }

    /// <summary>
    /// Adds a word found in piece <paramref name="piece"/> of the scope. One piece names one thing: of the words a
    /// piece holds for a link, the strongest counts (应用软件 and 软件开发 in 人工智能应用软件开发 are one piece of
    /// evidence, not two); separate pieces add up, and a word already counted in another piece adds nothing.
    /// </summary>
    public void AddWord(int link, WordMatch match, int piece, double weight, bool trade)
    {
        Touch(link);
        hasEvidence[link] = true;
        words.Add(new WordEvent(link, match, piece, weight, trade));
        if (counted.Add(((long)link << 32) | ((long)match.Word << 1) | (trade ? 1L : 0)))
        {
            // Pieces come in text order, so a link's strongest word of a piece is known when the next piece starts.
            var runs = trade ? tradeRun : doingRun;
            var remainders = trade ? tradeRemainder : doingRemainder;
            if (runs[link].Piece == piece)
            {
                runs[link] = runs[link] with { Weight = Math.Max(runs[link].Weight, weight) };
            }
            else
            {
                remainders[link] *= 1 - runs[link].Weight;
                runs[link] = new PieceRun(piece, weight);
            }
        }
    }

    public void AddCode(int link, string text, double weight)
    {
        Touch(link);
        hasEvidence[link] = true;
        code[link] = Math.Max(code[link], weight);
        codes.Add(new CodeEvent(link, text));
    }

    public void AddName(int link, WordMatch match, double weight)
    {
        Touch(link);
        names.Add(new WordEvent(link, match, 0, weight, false));
    }

    /// <summary>
    /// The links at <paramref name="threshold"/> or above, best first (ties by key). A link's equivalents in other
    /// chains (the same industry) are suggested with its evidence at <paramref name="equivalentFactor"/> of its
    /// score, unless their own words score higher.
    /// </summary>
    public IReadOnlyList<PlacementSuggestion> Suggestions(
        string scope, string name, string[] linkKeys, int[][] equivalents, double threshold, double equivalentFactor)
    {
        NameRemainders();
        touched.Sort();
        var sources = touched.Count;
        for (var index = 0; index < sources; index++)
        {
            var link = touched[index];
            score[link] = ownScore[link] = hasEvidence[link] ? Score(link) : 0;
            evidenceOf[link] = link;
        }

        for (var index = 0; index < sources; index++)
        {
            var link = touched[index];
            if (!hasEvidence[link] || ownScore[link] < threshold)
            {
                continue;
            }

            var carried = Math.Round(ownScore[link] * equivalentFactor, 3);
            foreach (var equivalent in equivalents[link])
            {
                if (!isTouched[equivalent] || !hasEvidence[equivalent] || score[equivalent] < carried)
                {
                    Touch(equivalent);
                    hasEvidence[equivalent] = true;
                    score[equivalent] = carried;
                    evidenceOf[equivalent] = link;
                }
            }
        }

        var suggestions = new List<PlacementSuggestion>();
        foreach (var link in touched)
        {
            if (hasEvidence[link] && score[link] >= threshold)
            {
                suggestions.Add(new PlacementSuggestion(linkKeys[link], score[link], Evidence(evidenceOf[link], scope, name)));
            }
        }

        suggestions.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.LinkKey, b.LinkKey));
        return suggestions;
    }

    private void Touch(int link)
    {
        if (!isTouched[link])
        {
            isTouched[link] = true;
            touched.Add(link);
            code[link] = 0;
            doingRemainder[link] = 1;
            tradeRemainder[link] = 1;
            nameRemainder[link] = 1;
            doingRun[link] = new PieceRun(-1, 0);
            tradeRun[link] = new PieceRun(-1, 0);
            hasEvidence[link] = false;
        }
    }

    private void NameRemainders()
    {
        // The scope's words are all in: the set of counted ones serves the name's.
        counted.Clear();
        foreach (var word in names)
        {
            if (counted.Add(((long)word.Link << 32) | (uint)word.Match.Word))
            {
                nameRemainder[word.Link] *= 1 - word.Weight;
            }
        }
    }

    private double Score(int link)
    {
        var doing = doingRemainder[link] * (1 - doingRun[link].Weight);
        var trade = tradeRemainder[link] * (1 - tradeRun[link].Weight);
        var words = 1 - (doing * (1 - ((1 - trade) * TradeShare)));
        return Math.Round(1 - ((1 - code[link]) * (1 - words) * nameRemainder[link]), 3);
    }

    /// <summary>Codes first (the most general first), then the scope's words and the name's, each in text order, each match once.</summary>
    private List<PlacementEvidence> Evidence(int link, string scope, string name)
    {
        var evidence = new List<PlacementEvidence>();
        foreach (var item in codes)
        {
            if (item.Link == link)
            {
                evidence.Add(new PlacementEvidence(PlacementEvidenceKind.Code, item.Code, 0, item.Code.Length));
            }
        }

        // Codes are added from the most specific: reversed, the 大类 comes first.
        evidence.Reverse();
        AddMatches(evidence, words, link, PlacementEvidenceKind.Word, scope);
        AddMatches(evidence, names, link, PlacementEvidenceKind.Name, name);
        return evidence;
    }

    private static void AddMatches(List<PlacementEvidence> evidence, List<WordEvent> events, int link, PlacementEvidenceKind kind, string text)
    {
        var first = evidence.Count;
        foreach (var item in events)
        {
            if (item.Link == link)
            {
                evidence.Add(new PlacementEvidence(kind, text.Substring(item.Match.Start, item.Match.Length), item.Match.Start, item.Match.Length));
            }
        }

        if (evidence.Count - first > 1)
        {
            evidence.Sort(first, evidence.Count - first, EvidenceOrder.Instance);
            var kept = first + 1;
            for (var index = first + 1; index < evidence.Count; index++)
            {
                if (evidence[index].Start != evidence[kept - 1].Start || evidence[index].Length != evidence[kept - 1].Length)
                {
                    evidence[kept++] = evidence[index];
                }
            }

            evidence.RemoveRange(kept, evidence.Count - kept);
        }
    }

    private sealed class EvidenceOrder : IComparer<PlacementEvidence>
    {
        public static readonly EvidenceOrder Instance = new();

        public int Compare(PlacementEvidence? x, PlacementEvidence? y) =>
            x!.Start != y!.Start ? x.Start.CompareTo(y.Start) : x.Length.CompareTo(y.Length);
    }

    private readonly record struct WordEvent(int Link, WordMatch Match, int Piece, double Weight, bool Trade);

    private readonly record struct CodeEvent(int Link, string Code);

    /// <summary>The piece a link's words are being gathered from, and its strongest word so far.</summary>
    private readonly record struct PieceRun(int Piece, double Weight);
}

/// <summary>
/// A piece of a business scope: the text between two separators, which item it belongs to, and the range of the
/// scope's matches that start in it outside brackets.
/// </summary>
internal record struct ScopePiece(int Item, int Start, int End, bool HasText)
{
    public int FirstMatch { get; set; }

    public int MatchCount { get; set; }
}
