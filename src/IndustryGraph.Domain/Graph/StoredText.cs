namespace IndustryGraph.Domain.Graph;

/// <summary>
/// What text the store keeps: what every export (CSV, JSON, Cypher, GraphML/XML 1.0) can write and read back
/// unchanged. The importer and the mutations both ask here, so a value refused by one is refused by the other.
/// </summary>
public static class StoredText
{
    /// <summary>Fields of free text, where a line break (LF) and a tab may stand; names, keys, aliases and tags hold one line.</summary>
    public static bool IsFreeText(string field) => field is "note" or "value" or "title" or "publisher" or "description";

    /// <summary>Why <paramref name="text"/> cannot be stored faithfully, or null: control characters (NUL, escapes, CR, ...), lone surrogates, the non-characters U+FFFE/U+FFFF.</summary>
    public static string? ProblemIn(string text, bool freeText)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var allowed = freeText && c is '\n' or '\t';
            if ((char.IsControl(c) && !allowed) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                var what = char.IsSurrogate(c) ? "a lone surrogate" : char.IsControl(c) ? "a control character" : "a non-character";
                return $"{what} (U+{(int)c:X4}) at character {i + 1}: the store keeps printable text{(freeText ? ", line breaks and tabs" : "")} only";
            }

            if (!freeText && IsInvisible(c))
            {
                return $"an invisible or direction-changing character (U+{(int)c:X4}) at character {i + 1}: a name, key, alias or tag holds only characters that show, so that two names that look alike are alike";
            }
        }

        return null;
    }

    /// <summary>
    /// Characters that show nothing or turn the direction of the text around them: zero-width spaces and joiners,
    /// the word joiner and invisible operators, the byte-order mark, the soft hyphen and the bidirectional
    /// controls (marks, embeddings, overrides, isolates). In a name they make two identical-looking names differ.
    /// </summary>
    public static bool IsInvisible(char c) => c is '\u00AD' or '\u034F' or '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F')
        or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069') or '\uFEFF';

    /// <summary>The same check for a field named <paramref name="field"/>.</summary>
    public static string? ProblemIn(string field, string text) => ProblemIn(text, IsFreeText(field));

}
