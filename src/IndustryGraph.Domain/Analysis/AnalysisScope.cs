using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Search;

namespace IndustryGraph.Domain.Analysis;

public enum ScopeKind
{
    City,
    District,
    Park,
}

/// <summary>
/// Where an analysis looks: the whole city, a district (with the parks located in it, and its sub-districts),
/// or one park. An entity is in a district when it is LOCATED_IN the district, or in a park that is.
/// </summary>
public sealed record AnalysisScope(ScopeKind Kind, Entity? Place, string Label)
{
    // The place's number in the index the scope was resolved against; saves a key lookup per enterprise tested.
    private int placeId = -1;

    public static AnalysisScope City { get; } = new(ScopeKind.City, null, "whole city");

    public static AnalysisScope Of(Entity place) => place.Kind switch
    {
        EntityKind.District => new(ScopeKind.District, place, place.Name),
        EntityKind.Park => new(ScopeKind.Park, place, place.Name),
        _ => throw new ArgumentException($"a scope is a district or a park, not a {place.Kind.ToCode()}", nameof(place)),
    };

    public static AnalysisScope Of(GraphIndex index, int place) => Of(index.Entity(place)) with { placeId = place };

    /// <summary>A stable text for cache keys.</summary>
    public string CacheKey => Place is null ? "city" : $"{Kind}:{Place.Key}";

    public bool Contains(GraphIndex index, int entity)
    {
        if (Place is null)
        {
            return true;
        }

        var place = placeId >= 0 && placeId < index.EntityCount && ReferenceEquals(index.Entity(placeId), Place) ? placeId : index.IdOf(Place);
        if (entity == place)
        {
            return true;
        }

        if (Kind == ScopeKind.Park)
        {
            // In the park, or in a park inside it (a park of a new town or a campus is LOCATED_IN that place).
            foreach (var edge in index.Edges(entity, Direction.Out, RelationshipTypes.LocatedIn))
            {
                var container = index.EdgeTo(edge);
                if (container == place || (index.KindOf(container) == EntityKind.Park && index.HasEdge(container, RelationshipTypes.LocatedIn, place)))
                {
                    return true;
                }
            }

            return false;
        }

        return index.DistrictsOf(entity).Contains(place);
    }
}

/// <summary>Resolves the two optional names of a scope against an index; both empty is the whole city.</summary>
public static class ScopeResolver
{
    public static AnalysisScope Resolve(GraphIndex index, string? park, string? district, string argument = "scope")
    {
        var hasPark = !string.IsNullOrWhiteSpace(park);
        var hasDistrict = !string.IsNullOrWhiteSpace(district);
        if (!hasPark && !hasDistrict)
        {
            return AnalysisScope.City;
        }

        var districtId = hasDistrict ? index.ResolveOne(district!, EntityKind.District, $"{argument}.district") : -1;
        if (!hasPark)
        {
            return AnalysisScope.Of(index, districtId);
        }

        var parkId = index.ResolveOne(park!, EntityKind.Park, $"{argument}.park");
        if (districtId >= 0 && !index.DistrictsOf(parkId).Contains(districtId))
        {
            throw new AnalysisException(AnalysisError.BadInput,
                text => text.ParkNotInDistrict(argument, index.Entity(parkId).Name, index.Entity(districtId).Name));
        }

        return AnalysisScope.Of(index, parkId);
    }

    /// <summary>
    /// The one entity a reference names (id, key, exact name or alias, else a unique prefix or part of a name), or a
    /// NOT_FOUND error with the names it could mean.
    /// </summary>
    public static int ResolveOne(this GraphIndex index, string reference, EntityKind? kind, string argument)
    {
        var found = index.Find(reference, kind);
        if (found.Count == 1)
        {
            return found[0];
        }

        var resolution = found.Count > 1
            ? new NameResolution(null, found.Select(index.Entity).Take(NameMatch.MaxSuggestions).ToList()) { Ambiguous = true }
            : NameMatch.Resolve(reference, index.EntitiesOfKind(kind));
        if (resolution.Match is not null)
        {
            return index.IdOf(resolution.Match);
        }

        var suggestions = resolution.SuggestionNames;
        return resolution.Ambiguous
            ? throw new AnalysisException(AnalysisError.NotFound, text => text.Ambiguous(argument, reference, suggestions), suggestions)
            : throw new AnalysisException(AnalysisError.NotFound, text => text.NotFound(argument, kind, reference, suggestions), suggestions);
    }
}

public enum AnalysisError
{
    BadInput,
    NotFound,
}

/// <summary>An argument of an analysis was wrong: it names nothing, several things, or is out of range.</summary>
public sealed class AnalysisException : Exception
{
    private readonly Func<AnalysisText, string>? render;

    public AnalysisException(AnalysisError error, Func<AnalysisText, string> render, IReadOnlyList<string>? suggestions = null)
        : base(render(AnalysisText.English))
    {
        Error = error;
        this.render = render;
        Suggestions = suggestions ?? [];
    }

    public AnalysisException()
    {
    }

    public AnalysisException(string message)
        : base(message)
    {
    }

    public AnalysisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnalysisError Error { get; }

    /// <summary>Names the argument could mean, best first (for an unknown or ambiguous name).</summary>
    public IReadOnlyList<string> Suggestions { get; } = [];

    public string MessageIn(AnalysisText text) => render?.Invoke(text) ?? Message;
}
