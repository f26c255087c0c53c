using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Placements;

public static class PlacementsFeature
{
    /// <summary>The placements list, a placement's kind, score and evidence on the analysis' placements, and the planner's decisions.</summary>
    public static IServiceCollection AddPlacements(this IServiceCollection services)
    {
        services.AddSingleton<IQueryFields, PlacementQueries>();
        services.AddSingleton<IMutationFields, PlacementMutations>();
        return services;
    }
}
