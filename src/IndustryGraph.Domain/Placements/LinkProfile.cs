namespace IndustryGraph.Domain.Placements;

/// <summary>
/// A GB/T 4754-2017 industry code a link profile names: a full 小类 (four digits), or a partial code — a 大类 (two
/// digits) or 中类 (three) — that covers every 小类 under it.
/// </summary>
public sealed record IndustryCodePattern(string Digits, bool Partial)
{
    /// <summary>Whether an enterprise's code falls under this one: equal, or, for a partial code, beginning with it.</summary>
    public bool Covers(string code) => Partial ? code.StartsWith(Digits, StringComparison.Ordinal) : code == Digits;

    /// <summary>As the profile file writes it: the digits, with <c>*</c> after a partial code.</summary>
    public override string ToString() => Partial ? Digits + "*" : Digits;
}

/// <summary>
/// What places an enterprise in one chain link: the industry codes of the link's industry, the words of its
/// products and services (the link's name and aliases among them), and the links of other chains that are the
/// same industry.
/// </summary>
public sealed record LinkProfile(
    string LinkKey,
    IReadOnlyList<IndustryCodePattern> Codes,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Equivalents);

/// <summary>How a word of the business scope bears on what the enterprise does with the things an item names.</summary>
public enum PlacementWordKind
{
    /// <summary>The enterprise does it: 研发, 生产, 制造, 加工, 设计, 检测, 服务 …</summary>
    Does,

    /// <summary>
    /// The enterprise only trades, rents or advises on the thing (销售, 批发, 租赁, 咨询 …): alone in an item, the
    /// item counts for the links the word names (its trade or service links) and for no link of the thing.
    /// </summary>
    Trades,

    /// <summary>Holding or investing its own money (投资控股, 股权投资 alone): the item places the enterprise nowhere.</summary>
    Holds,

    /// <summary>Register boilerplate (一般项目, 依法须经批准的项目 …): the item says nothing of the business.</summary>
    Ignores,
}

/// <summary>A word of the global placement word list: a verb or context, what it means, and for a trading word the links it counts for.</summary>
public sealed record PlacementWord(string Word, PlacementWordKind Kind, IReadOnlyList<string> Links);

/// <summary>Every link profile and the global word list: what <see cref="LinkProfileSuggester"/> is built from.</summary>
public sealed record LinkProfileSet(IReadOnlyList<LinkProfile> Profiles, IReadOnlyList<PlacementWord> Words);
