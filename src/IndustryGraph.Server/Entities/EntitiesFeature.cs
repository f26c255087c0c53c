using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Entities;

public static class EntitiesFeature
{
    /// <summary>Entity types, lists, node lookup and search, read through a per-request batching reader.</summary>
    public static IServiceCollection AddEntities(this IServiceCollection services)
    {
        services.AddScoped<GraphReader>();
        services.AddSingleton<IQueryFields, EntityQueries>();
        return services;
    }
}
