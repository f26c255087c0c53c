using GraphQL.DI;
using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Access;

public static class AccessFeature
{
    /// <summary>API keys: the Bearer key check in front of every request, the rule that writes need an editor, key management for admins.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, ApiKeyStartupFilter>();
        services.AddSingleton<IConfigureExecution, WriteAccessExecution>();
        services.AddSingleton<KeyAdministration>();
        services.AddSingleton<IMutationFields>(provider => provider.GetRequiredService<KeyAdministration>());
        services.AddSingleton<IQueryFields>(provider => provider.GetRequiredService<KeyAdministration>());
        return services;
    }
}
