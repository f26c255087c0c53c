using IndustryGraph.Domain.Graph;

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
            return index.HasEdge(entity, RelationshipTypes.LocatedIn, place);
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
                $"{argument}: park {index.Entity(parkId).Name} is not in district {index.Entity(districtId).Name}; give one of them, or a park inside the district");
        }

        return AnalysisScope.Of(index, parkId);
    }

    /// <summary>The one entity a reference names, or an error that says whether it names none or several.</summary>
    public static int ResolveOne(this GraphIndex index, string reference, EntityKind? kind, string argument)
    {
        var found = index.Find(reference, kind);
        var what = kind is null ? "entity" : kind.Value.ToCode().ToLowerInvariant().Replace('_', ' ');
        return found.Count switch
        {
            1 => found[0],
            0 => throw new AnalysisException(AnalysisError.NotFound, $"{argument}: no {what} has the id, key, name or alias '{reference}'"),
            _ => throw new AnalysisException(AnalysisError.BadInput,
                $"{argument}: '{reference}' names {found.Count} entities ({string.Join(", ", found.Take(5).Select(id => $"{index.Entity(id).Name} [{index.Entity(id).Key}]"))}); pass a key or an id"),
        };
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
    public AnalysisException(AnalysisError error, string message)
        : base(message)
    {
        Error = error;
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
}
