using IndustryGraph.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IndustryGraph.Server.Entities;

public static class EntitiesFeature
{
    /// <summary>Entity types, lists, node lookup and search, read through a per-request batching reader.</summary>
    public static IServiceCollection AddEntities(this IServiceCollection services)
    {
        services.AddScoped<GraphReader>();
        services.AddHttpContextAccessor();
        services.TryAddScoped<Analysis.RequestLanguage>();
        services.AddSingleton<IQueryFields, EntityQueries>();
        return services;
    }
}
