using GraphQL.DI;
using GraphQL.Validation;
using IndustryGraph.Server.Hosting;

namespace IndustryGraph.Server.GraphQL;

public static class GraphQLFeature
{
    /// <summary>The HTTP endpoint with its limits (bound from configuration), document cache and persisted queries.</summary>
    public static IServiceCollection AddGraphQLEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLLimits>().Bind(configuration.GetSection(GraphQLLimits.Section));
        services.AddSingleton<QueryTextCache>();
        services.AddSingleton<IConfigureExecution, DocumentCache>();
        services.AddSingleton<IDocumentValidator>(new CachedValidation(new DocumentValidator()));
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<GraphQLEndpoint>();
        return services;
    }
}
