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
        }

        return null;
    }

    /// <summary>The same check for a field named <paramref name="field"/>.</summary>
    public static string? ProblemIn(string field, string text) => ProblemIn(text, IsFreeText(field));

}
