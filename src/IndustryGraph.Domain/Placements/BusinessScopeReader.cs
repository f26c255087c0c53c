namespace IndustryGraph.Domain.Placements;

/// <summary>
/// Reads one business scope (经营范围) into a <see cref="LinkTally"/>: splits it into items (at ；;，,。：: and line
/// breaks, outside brackets) and the items into pieces (at 、), and decides per piece whether the enterprise does
/// the things it names — a doing verb, or no verb at all — or only trades, rents or advises on them. A piece
/// without a verb of its own takes the item's verbs (传感器、仪器仪表的研发、生产及销售), and a piece with its own
/// verbs also takes those of the item's verb-only pieces (研发、生产、销售传感器). Words in brackets (不含…, 除…外)
/// say what the enterprise does not do, and count for nothing.
/// </summary>
internal sealed class BusinessScopeReader(string scope, List<WordMatch> matches, WordInfo[] words)
{
    private readonly List<Piece> pieces = [];

    /// <summary>Adds the scope's evidence to <paramref name="tally"/>; false when no item says what the business is.</summary>
    public bool Read(LinkTally tally)
    {
        Split();
        Assign();
        var countable = false;
        int doingPieces = 0, tradingPieces = 0;
        for (var first = 0; first < pieces.Count;)
        {
            var last = first;
            while (last + 1 < pieces.Count && pieces[last + 1].Item == pieces[first].Item)
            {
                last++;
            }

            var (counted, doing, trading) = ReadItem(first, last, tally);
            countable |= counted;
            doingPieces += doing;
            tradingPieces += trading;
            first = last + 1;
        }

        tally.TradeShare = tradingPieces == 0 ? 0 : (double)tradingPieces / (tradingPieces + doingPieces);
        return countable;
    }

    private (bool Counted, int Doing, int Trading) ReadItem(int first, int last, LinkTally tally)
    {
        var hasText = false;
        var itemVerbs = new List<WordMatch>();
        var verbOnlyVerbs = new List<WordMatch>();
        var anyObjects = false;
        for (var index = first; index <= last; index++)
        {
            var piece = pieces[index];
            hasText |= piece.HasText;
            foreach (var match in piece.Matches)
            {
                if (words[match.Word].Kind is PlacementWordKind.Holds or PlacementWordKind.Ignores)
                {
                    return (false, 0, 0);
                }
            }

            itemVerbs.AddRange(piece.Verbs(words));
            var objects = piece.Objects(words).Any();
            anyObjects |= objects;
            if (!objects)
            {
                verbOnlyVerbs.AddRange(piece.Verbs(words));
            }
        }

        if (!anyObjects)
        {
            // Nothing named but the activity (货物进出口, 零售): only trading counts, for its own links.
            var tradingOnly = itemVerbs.Count > 0 && itemVerbs.All(verb => words[verb.Word].Kind == PlacementWordKind.Trades);
            if (tradingOnly)
            {
                AddTrade(first, itemVerbs, [], tally);
            }

            return (hasText, 0, tradingOnly ? 1 : 0);
        }

        int doingPieces = 0, tradingPieces = 0;
        for (var index = first; index <= last; index++)
        {
            var piece = pieces[index];
            var objects = piece.Objects(words).ToList();
            if (objects.Count == 0)
            {
                continue;
            }

            var own = piece.Verbs(words).ToList();
            var verbs = own.Count > 0 ? own.Concat(verbOnlyVerbs).ToList() : itemVerbs;
            if (verbs.Count == 0 || verbs.Any(verb => words[verb.Word].Kind == PlacementWordKind.Does))
            {
                foreach (var match in objects)
                {
                    // Making or serving a thing is no trade in it: a doing verb keeps the trade and service links out.
                    foreach (var link in verbs.Count == 0 ? words[match.Word].Links : words[match.Word].ProductLinks)
                    {
                        tally.AddWord(link, match, index, scope, words[match.Word].Weight, trade: false);
                    }
                }

                doingPieces++;
            }
            else
            {
                AddTrade(index, verbs, objects, tally);
                tradingPieces++;
            }
        }

        return (true, doingPieces, tradingPieces);
    }

    /// <summary>Trading verbs count for their trade links; the things traded only for links whose business trading them is.</summary>
    private void AddTrade(int piece, List<WordMatch> verbs, List<WordMatch> objects, LinkTally tally)
    {
        foreach (var verb in verbs)
        {
            foreach (var link in words[verb.Word].TradeLinks)
            {
                tally.AddWord(link, verb, piece, scope, words[verb.Word].Weight, trade: true);
            }
        }

        foreach (var match in objects)
        {
            foreach (var link in words[match.Word].ContextLinks)
            {
                tally.AddWord(link, match, piece, scope, words[match.Word].Weight, trade: true);
            }
        }
    }

    private void Split()
    {
        var depth = 0;
        var item = 0;
        var start = 0;
        var hasText = false;
        for (var position = 0; position <= scope.Length; position++)
        {
            var character = position < scope.Length ? scope[position] : '；';
            switch (character)
            {
                case '（' or '(' or '【' or '[' or '〔':
                    depth++;
                    continue;
                case '）' or ')' or '】' or ']' or '〕':
                    depth = Math.Max(0, depth - 1);
                    continue;
            }

            var endsItem = character is '；' or ';' or '，' or ',' or '。' or '：' or ':' or '\n' or '\r';
            if ((depth == 0 || position == scope.Length) && (endsItem || character == '、'))
            {
                pieces.Add(new Piece(item, start, position, hasText));
                (start, hasText) = (position + 1, false);
                if (endsItem)
                {
                    item++;
                }
            }
            else if (depth == 0)
            {
                hasText |= char.IsLetterOrDigit(character);
            }
        }
    }

    /// <summary>Gives each piece the matches that start in it outside brackets.</summary>
    private void Assign()
    {
        var pieceIndex = 0;
        var bracketDepth = 0;
        var scanned = 0;
        foreach (var match in matches)
        {
            for (; scanned < match.Start; scanned++)
            {
                bracketDepth += scope[scanned] switch
                {
                    '（' or '(' or '【' or '[' or '〔' => 1,
                    '）' or ')' or '】' or ']' or '〕' => bracketDepth > 0 ? -1 : 0,
                    _ => 0,
                };
            }

            while (pieceIndex < pieces.Count && pieces[pieceIndex].End <= match.Start)
            {
                pieceIndex++;
            }

            if (bracketDepth == 0 && pieceIndex < pieces.Count && match.Start >= pieces[pieceIndex].Start)
            {
                pieces[pieceIndex].Matches.Add(match);
            }
        }
    }

    private sealed record Piece(int Item, int Start, int End, bool HasText)
    {
        public List<WordMatch> Matches { get; } = [];

        public IEnumerable<WordMatch> Verbs(WordInfo[] words) =>
            Matches.Where(match => words[match.Word].Kind is PlacementWordKind.Does or PlacementWordKind.Trades);

        public IEnumerable<WordMatch> Objects(WordInfo[] words) =>
            Matches.Where(match => words[match.Word].Kind is null && words[match.Word].Links.Length > 0);
    }
}
