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

    public const int MaxSuggestions = 5;

    /// <summary>
    /// Which entity a typed name means, among candidates of the kind asked for. An exact name or alias wins; else a
    /// name or alias that starts with the text; else one that contains it (管城 → 管城区, 高新 → 郑州高新区). The first of
    /// these that fits any entity decides: one entity is the answer, several are ambiguous. Nothing fitting gives
    /// suggestions by shared characters. Every store and the analysis index resolve through this, so all agree.
    /// </summary>
    public static NameResolution Resolve(string text, IEnumerable<Entity> candidates)
    {
        var query = Normalize(text);
        var list = candidates.DistinctBy(entity => entity.Key).ToList();
        if (query.Length == 0)
        {
            return new NameResolution(null, []);
        }

        for (var tier = 0; tier < 3; tier++)
        {
            var fitting = list.Where(entity => entity.Names.Any(name => Fits(Normalize(name), query, tier))).ToList();
            if (fitting.Count == 1)
            {
                return new NameResolution(fitting[0], []);
            }

            if (fitting.Count > 1)
            {
                return new NameResolution(null, Best(fitting, entity => Score(entity, text))) { Ambiguous = true };
            }
        }

        return new NameResolution(null, Best(list, entity => Similarity(entity, query)));
    }

    private static bool Fits(string name, string query, int tier) => tier switch
    {
        0 => name == query,
        1 => name.StartsWith(query, StringComparison.Ordinal),
        _ => name.Contains(query, StringComparison.Ordinal),
    };

    private static List<Entity> Best(IEnumerable<Entity> entities, Func<Entity, double> score) => entities
        .Select(entity => (Entity: entity, Score: score(entity)))
        .Where(item => item.Score > 0)
        .OrderByDescending(item => item.Score)
        .ThenBy(item => item.Entity.Name.Length)
        .ThenBy(item => item.Entity.Name, StringComparer.Ordinal)
        .Take(MaxSuggestions)
        .Select(item => item.Entity)
        .ToList();

    /// <summary>Share of the query's characters found in the entity's best name, 0..1: ranks suggestions for a name that fits none.</summary>
    public static double Similarity(Entity entity, string normalizedQuery)
    {
        var wanted = normalizedQuery.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        return entity.Names.Select(name => Normalize(name)).Max(name => (double)wanted.Count(name.Contains) / Math.Max(wanted.Count, name.Length / 2.0));
    }

    /// <summary>The text pieces a store can search to find suggestion candidates: the distinct characters of the query.</summary>
    public static IEnumerable<string> SuggestionProbes(string text) => Normalize(text).Distinct().Take(6).Select(c => c.ToString());
}

/// <summary>The entity a name resolved to, or none with the names to suggest (best first).</summary>
public sealed record NameResolution(Entity? Match, IReadOnlyList<Entity> Suggestions)
{
    /// <summary>True when several entities fit the name; false when none does.</summary>
    public bool Ambiguous { get; init; }

    public IReadOnlyList<string> SuggestionNames => Suggestions.Select(entity => entity.Name).Distinct().ToList();
}
