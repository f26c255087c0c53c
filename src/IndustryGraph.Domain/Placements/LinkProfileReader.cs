using System.Text.RegularExpressions;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Placements;

/// <summary>What reading the profile files gave: the set, or every problem as <c>file:line:column: message</c>.</summary>
public sealed record LinkProfileReadResult(LinkProfileSet? Set, IReadOnlyList<SeedError> Errors);

/// <summary>
/// Reads <c>seed/link_profiles.csv</c> and <c>seed/reference/placement_words.csv</c> (format in <c>seed/README.md</c>),
/// validating the whole of both: a bad code, kind or list is named with its file, line and column.
/// </summary>
public static partial class LinkProfileReader
{
    public const string ProfilesFile = "link_profiles.csv";
    public const string WordsFile = "reference/placement_words.csv";

    private static readonly string[] ProfileColumns = ["link", "codes", "words", "equivalents", "note"];
    private static readonly string[] WordColumns = ["word", "kind", "links", "note"];

    [GeneratedRegex(@"^(\d{4}|\d{2,3}\*)$")]
    private static partial Regex CodePattern();

    /// <summary>
    /// Reads both files. With <paramref name="linkChains"/> (every chain link's key → its chain's key) it also checks
    /// that each profile names a link, that every link has a profile, that an equivalent is a link of another chain
    /// which names this one back, and that a trading word's links exist.
    /// </summary>
    public static LinkProfileReadResult Read(byte[] profiles, byte[] words, IReadOnlyDictionary<string, string>? linkChains = null)
    {
        var errors = new List<SeedError>();
        var profileList = ReadProfiles(CsvTable.Parse(ProfilesFile, profiles, errors), errors, out var profileRows);
        var wordList = ReadWords(CsvTable.Parse(WordsFile, words, errors), errors, out var wordRows);
        if (linkChains is not null && errors.Count == 0)
        {
            CheckAgainstLinks(profileList, profileRows, wordList, wordRows, linkChains, errors);
        }

        return new LinkProfileReadResult(errors.Count == 0 ? new LinkProfileSet(profileList, wordList) : null, errors);
    }

    private static List<LinkProfile> ReadProfiles(CsvTable? table, List<SeedError> errors, out List<CsvRecord> rows)
    {
        var profiles = new List<LinkProfile>();
        rows = [];
        if (table is null || !HasColumns(table, ProfileColumns, errors))
        {
            return profiles;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var link = Cell(table, row, "link");
            if (!SeedReader.IsValidKey(link) || !link.StartsWith("link-", StringComparison.Ordinal))
            {
                errors.Add(Error(table, row, "link", $"bad link key '{link}': a key of chain_links.csv (link-…)"));
            }
            else if (!seen.Add(link))
            {
                errors.Add(Error(table, row, "link", $"duplicate profile for '{link}': one row per link"));
            }

            var codes = new List<IndustryCodePattern>();
            foreach (var code in SeedCell.SplitList(Cell(table, row, "codes")))
            {
                if (CodePattern().IsMatch(code))
                {
                    codes.Add(new IndustryCodePattern(code.TrimEnd('*'), code.EndsWith('*')));
                }
                else
                {
                    errors.Add(Error(table, row, "codes",
                        $"bad industry code '{code}': a GB/T 4754-2017 小类 is four digits (3983); a partial code is a 大类 or 中类 marked with * (39*, 397*)"));
                }
            }

            var wordList = SeedCell.SplitList(Cell(table, row, "words")).Distinct(StringComparer.Ordinal).ToList();
            if (wordList.Count == 0)
            {
                errors.Add(Error(table, row, "words", "no words: a profile names at least the link's name"));
            }

            var equivalents = SeedCell.SplitList(Cell(table, row, "equivalents")).ToList();
            if (equivalents.Contains(link, StringComparer.Ordinal))
            {
                errors.Add(Error(table, row, "equivalents", $"'{link}' names itself as an equivalent"));
            }

            if (Cell(table, row, "note").Length == 0)
            {
                errors.Add(Error(table, row, "note", "no note: a curated profile says why, in a few words"));
            }

            profiles.Add(new LinkProfile(link, codes, wordList, equivalents));
            rows.Add(row);
        }

        return profiles;
    }

    private static List<PlacementWord> ReadWords(CsvTable? table, List<SeedError> errors, out List<CsvRecord> rows)
    {
        var words = new List<PlacementWord>();
        rows = [];
        if (table is null || !HasColumns(table, WordColumns, errors))
        {
            return words;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var word = Cell(table, row, "word");
            if (word.Length == 0)
            {
                errors.Add(Error(table, row, "word", "empty word"));
            }
            else if (!seen.Add(word))
            {
                errors.Add(Error(table, row, "word", $"duplicate word '{word}': one row per word"));
            }

            var kindText = Cell(table, row, "kind");
            if (!Enum.TryParse<PlacementWordKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || kindText.Any(char.IsDigit))
            {
                errors.Add(Error(table, row, "kind", $"unknown kind '{kindText}': DOES, TRADES, HOLDS or IGNORES"));
            }

            var links = SeedCell.SplitList(Cell(table, row, "links")).ToList();
            if (kind == PlacementWordKind.Trades && links.Count == 0)
            {
                errors.Add(Error(table, row, "links", $"'{word}' TRADES: name the trade or service links it counts for"));
            }
            else if (kind != PlacementWordKind.Trades && links.Count > 0)
            {
                errors.Add(Error(table, row, "links", $"'{word}' is {kindText}: only a TRADES word names links"));
            }

            if (Cell(table, row, "note").Length == 0)
            {
                errors.Add(Error(table, row, "note", "no note: say why the word means what its kind says"));
            }

            words.Add(new PlacementWord(word, kind, links));
            rows.Add(row);
        }

        return words;
    }

    private static void CheckAgainstLinks(
        List<LinkProfile> profiles, List<CsvRecord> profileRows, List<PlacementWord> words, List<CsvRecord> wordRows,
        IReadOnlyDictionary<string, string> linkChains, List<SeedError> errors)
    {
        var byLink = profiles.ToDictionary(profile => profile.LinkKey, StringComparer.Ordinal);
        for (var i = 0; i < profiles.Count; i++)
        {
            var (profile, row) = (profiles[i], profileRows[i]);
            if (!linkChains.TryGetValue(profile.LinkKey, out var chain))
            {
                errors.Add(new SeedError(ProfilesFile, row.Line, 1, $"reference to nothing: no chain link has key '{profile.LinkKey}'"));
                continue;
            }

            foreach (var equivalent in profile.Equivalents)
            {
                var message = !linkChains.TryGetValue(equivalent, out var otherChain) ? $"equivalent '{equivalent}' is no chain link"
                    : otherChain == chain ? $"equivalent '{equivalent}' is in the same chain ({chain}): equivalents join links of different chains"
                    : byLink.TryGetValue(equivalent, out var other) && !other.Equivalents.Contains(profile.LinkKey, StringComparer.Ordinal)
                        ? $"equivalent '{equivalent}' does not name '{profile.LinkKey}' back: equivalence goes both ways"
                    : null;
                if (message is not null)
                {
                    errors.Add(new SeedError(ProfilesFile, row.Line, 1, message));
                }
            }
        }

        foreach (var link in linkChains.Keys.Where(link => !byLink.ContainsKey(link)).Order(StringComparer.Ordinal))
        {
            errors.Add(new SeedError(ProfilesFile, 0, 0, $"chain link '{link}' has no profile: every link has one"));
        }

        for (var i = 0; i < words.Count; i++)
        {
            foreach (var link in words[i].Links.Where(link => !linkChains.ContainsKey(link)))
            {
                errors.Add(new SeedError(WordsFile, wordRows[i].Line, 1, $"'{words[i].Word}' names '{link}', which is no chain link"));
            }
        }
    }

    private static bool HasColumns(CsvTable table, string[] columns, List<SeedError> errors)
    {
        var missing = columns.Where(column => !table.ColumnIndex.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new SeedError(table.File, 1, 1, $"missing column(s): {string.Join(", ", missing)}"));
        }

        return missing.Count == 0;
    }

    private static string Cell(CsvTable table, CsvRecord row, string column)
    {
        var index = table.IndexOf(column);
        return index < row.Fields.Count ? row.Fields[index].Trim() : string.Empty;
    }

    private static SeedError Error(CsvTable table, CsvRecord row, string column, string message)
    {
        var index = table.IndexOf(column);
        return new SeedError(table.File, row.Line, index < row.Columns.Count ? row.Columns[index] : 1, message);
    }
}
