namespace IndustryGraph.Domain.Placements;

/// <summary>
/// Reads one business scope (经营范围) into a <see cref="LinkTally"/>: splits it into items (at ；;，,。：: and line
/// breaks, outside brackets) and the items into pieces (at 、), and decides per piece whether the enterprise does
/// the things it names — a doing verb, or no verb at all — or only trades, rents or advises on them. A piece
/// without a verb of its own takes the item's verbs (传感器、仪器仪表的研发、生产及销售), and a piece with its own
/// verbs also takes those of the item's verb-only pieces (研发、生产、销售传感器). Words in brackets (不含…, 除…外)
/// say what the enterprise does not do, and count for nothing.
/// </summary>
internal readonly struct BusinessScopeReader(string scope, List<WordMatch> matches, WordInfo[] words, LinkTally tally)
{
    private List<ScopePiece> Pieces => tally.Pieces;

    /// <summary>Adds the scope's evidence to the tally; false when no item says what the business is.</summary>
    public bool Read()
    {
        Split();
        Assign();
        var countable = false;
        int doingPieces = 0, tradingPieces = 0;
        for (var first = 0; first < Pieces.Count;)
        {
            var last = first;
            while (last + 1 < Pieces.Count && Pieces[last + 1].Item == Pieces[first].Item)
            {
                last++;
            }

            var (counted, doing, trading) = ReadItem(first, last);
            countable |= counted;
            doingPieces += doing;
            tradingPieces += trading;
            first = last + 1;
        }

        tally.TradeShare = tradingPieces == 0 ? 0 : (double)tradingPieces / (tradingPieces + doingPieces);
        return countable;
    }

    private (bool Counted, int Doing, int Trading) ReadItem(int first, int last)
    {
        var hasText = false;
        var anyObjects = false;
        Verbs item = default, verbOnly = default;
        for (var index = first; index <= last; index++)
        {
            var piece = Pieces[index];
            hasText |= piece.HasText;
            for (var at = piece.FirstMatch; at < piece.FirstMatch + piece.MatchCount; at++)
            {
                if (words[matches[at].Word].Kind is PlacementWordKind.Holds or PlacementWordKind.Ignores)
                {
                    return (false, 0, 0);
                }
            }

            var own = VerbsOf(piece);
            var objects = HasObjects(piece);
            item = item.With(own);
            anyObjects |= objects;
            if (!objects)
            {
                verbOnly = verbOnly.With(own);
            }
        }

        if (!anyObjects)
        {
            // Nothing named but the activity (货物进出口, 零售): only trading counts, for its own links.
            var tradingOnly = item.TradesOnly;
            if (tradingOnly)
            {
                AddTradeVerbs(first, last, first, onlyVerbOnlyPieces: false);
            }

            return (hasText, 0, tradingOnly ? 1 : 0);
        }

        int doingPieces = 0, tradingPieces = 0;
        for (var index = first; index <= last; index++)
        {
            var piece = Pieces[index];
            if (!HasObjects(piece))
            {
                continue;
            }

            var own = VerbsOf(piece);
            var verbs = own.Any ? own.With(verbOnly) : item;
            if (!verbs.Any || verbs.Does)
            {
                for (var at = piece.FirstMatch; at < piece.FirstMatch + piece.MatchCount; at++)
                {
                    var word = words[matches[at].Word];
                    if (word.Kind is not null)
                    {
                        continue;
                    }

                    // Making or serving a thing is no trade in it: a doing verb keeps the trade and service links out.
                    foreach (var link in verbs.Any ? word.ProductLinks : word.Links)
                    {
                        tally.AddWord(link, matches[at], index, word.Weight, trade: false);
                    }
                }

                doingPieces++;
            }
            else
            {
                // The piece's own trading verbs and the verb-only pieces' ones, or, with none of its own, the item's.
                AddTradeVerbs(index, index, index, onlyVerbOnlyPieces: false);
                if (own.Any)
                {
                    AddTradeVerbs(first, last, index, onlyVerbOnlyPieces: true);
                }
                else
                {
                    AddTradeVerbs(first, last, index, onlyVerbOnlyPieces: false);
                }

                for (var at = piece.FirstMatch; at < piece.FirstMatch + piece.MatchCount; at++)
                {
                    var word = words[matches[at].Word];
                    if (word.Kind is null)
                    {
                        foreach (var link in word.ContextLinks)
                        {
                            tally.AddWord(link, matches[at], index, word.Weight, trade: true);
                        }
                    }
                }

                tradingPieces++;
            }
        }

        return (true, doingPieces, tradingPieces);
    }

    /// <summary>Trading verbs of pieces <paramref name="first"/> to <paramref name="last"/> count for their trade links, as evidence of piece <paramref name="piece"/>.</summary>
    private void AddTradeVerbs(int first, int last, int piece, bool onlyVerbOnlyPieces)
    {
        for (var index = first; index <= last; index++)
        {
            if (onlyVerbOnlyPieces && (index == piece || HasObjects(Pieces[index])))
            {
                continue;
            }

            var source = Pieces[index];
            for (var at = source.FirstMatch; at < source.FirstMatch + source.MatchCount; at++)
            {
                var word = words[matches[at].Word];
                if (word.Kind == PlacementWordKind.Trades)
                {
                    foreach (var link in word.TradeLinks)
                    {
                        tally.AddWord(link, matches[at], piece, word.Weight, trade: true);
                    }
                }
            }
        }
    }

    private Verbs VerbsOf(ScopePiece piece)
    {
        Verbs verbs = default;
        for (var at = piece.FirstMatch; at < piece.FirstMatch + piece.MatchCount; at++)
        {
            verbs = words[matches[at].Word].Kind switch
            {
                PlacementWordKind.Does => verbs with { Does = true },
                PlacementWordKind.Trades => verbs with { Trades = true },
                _ => verbs,
            };
        }

        return verbs;
    }

    private bool HasObjects(ScopePiece piece)
    {
        for (var at = piece.FirstMatch; at < piece.FirstMatch + piece.MatchCount; at++)
        {
            var word = words[matches[at].Word];
            if (word.Kind is null && word.Links.Length > 0)
            {
                return true;
            }
        }

        return false;
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
                Pieces.Add(new ScopePiece(item, start, position, hasText));
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

    /// <summary>
    /// Gives each piece the matches that start in it outside brackets: the matches are in text order, so each
    /// piece's are one run of them (those in brackets are moved out of the way, to the end).
    /// </summary>
    private void Assign()
    {
        var kept = 0;
        var bracketDepth = 0;
        var scanned = 0;
        var pieceIndex = 0;
        for (var index = 0; index < matches.Count; index++)
        {
            var match = matches[index];
            for (; scanned < match.Start; scanned++)
            {
                bracketDepth += scope[scanned] switch
                {
                    '（' or '(' or '【' or '[' or '〔' => 1,
                    '）' or ')' or '】' or ']' or '〕' => bracketDepth > 0 ? -1 : 0,
                    _ => 0,
                };
            }

            if (bracketDepth == 0)
            {
                matches[kept++] = match;
            }
        }

        matches.RemoveRange(kept, matches.Count - kept);
        var at = 0;
        for (; pieceIndex < Pieces.Count; pieceIndex++)
        {
            var piece = Pieces[pieceIndex];
            while (at < matches.Count && matches[at].Start < piece.Start)
            {
                at++;
            }

            var firstMatch = at;
            while (at < matches.Count && matches[at].Start < piece.End)
            {
                at++;
            }

            Pieces[pieceIndex] = piece with { FirstMatch = firstMatch, MatchCount = at - firstMatch };
        }
    }

    /// <summary>Which kinds of verb a piece or an item holds.</summary>
    private readonly record struct Verbs(bool Does, bool Trades)
    {
        public bool Any => Does || Trades;

        public bool TradesOnly => Trades && !Does;

        public Verbs With(Verbs other) => new(Does || other.Does, Trades || other.Trades);
    }
}
