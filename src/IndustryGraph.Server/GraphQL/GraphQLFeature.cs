using GraphQL.DI;

namespace IndustryGraph.Server.GraphQL;

public static class GraphQLFeature
{
    /// <summary>The HTTP endpoint with its limits (bound from configuration), document cache and persisted queries.</summary>
    public static IServiceCollection AddGraphQLEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLLimits>().Bind(configuration.GetSection(GraphQLLimits.Section));
        services.AddSingleton<QueryTextCache>();
        services.AddSingleton<IConfigureExecution, DocumentCache>();
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<GraphQLEndpoint>();
        return services;
    }
}
