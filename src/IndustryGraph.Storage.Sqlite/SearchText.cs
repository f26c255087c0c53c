using System.Text;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>Text forms for the two full-text indexes of names.</summary>
internal static class SearchText
{
    /// <summary>Every character that is not an ASCII letter or digit stands alone, so each Chinese character is a token.</summary>
    public static string SpacedCharacters(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && Rune.IsLetterOrDigit(rune))
            {
                builder.Append(char.ToLowerInvariant((char)rune.Value));
            }
            else
            {
                builder.Append(' ');
                if (Rune.IsLetterOrDigit(rune))
                {
                    builder.Append(rune.ToString()).Append(' ');
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>An FTS5 phrase of the query's tokens in the character index, or null when it has none.</summary>
    public static string? CharacterPhrase(string query)
    {
        var tokens = SpacedCharacters(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length == 0 ? null : "\"" + string.Join(' ', tokens) + "\"";
    }

    /// <summary>An FTS5 trigram phrase for the query, or null when it is shorter than 3 characters.</summary>
    public static string? TrigramPhrase(string query)
    {
        var trimmed = query.Trim();
        return trimmed.EnumerateRunes().Count() < 3 ? null : "\"" + trimmed.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
