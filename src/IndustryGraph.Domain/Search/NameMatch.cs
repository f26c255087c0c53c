using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Search;

/// <summary>
/// How well a query matches an entity's names, from 0 (not at all) to 1 (the exact name). Any store's search
/// finds candidates its own way and ranks them with this, so every backend orders hits the same.
/// </summary>
public static class NameMatch
{
    public static double Score(Entity entity, string query)
    {
        var q = Normalize(query);
        if (q.Length == 0)
        {
            return 0;
        }

        var best = Score(Normalize(entity.Name), q, exact: 1.0, prefix: 0.85, contains: 0.6);
        foreach (var alias in entity.Aliases)
        {
            best = Math.Max(best, Score(Normalize(alias), q, exact: 0.95, prefix: 0.8, contains: 0.55));
        }

        return Math.Round(best, 4);
    }

    private static double Score(string name, string query, double exact, double prefix, double contains)
    {
        if (name.Length == 0)
        {
            return 0;
        }

        if (name == query)
        {
            return exact;
        }

        // The closer the query is to the whole name, the better: 金岱 fits 金岱智慧产业园 better than a longer name.
        var coverage = (double)query.Length / name.Length;
        if (name.StartsWith(query, StringComparison.Ordinal))
        {
            return prefix + (0.1 * coverage);
        }

        return name.Contains(query, StringComparison.Ordinal) ? contains + (0.2 * coverage) : 0;
    }

    /// <summary>Lower case, without spaces and the separators names are written with (·, -, ・).</summary>
    public static string Normalize(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('·' or '・' or '•' or '-' or '_'))).ToLowerInvariant();
}
