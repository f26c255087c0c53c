using GraphQL.DI;
using IndustryGraph.Domain.Access;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Access;

public static class AccessFeature
{
    /// <summary>API keys: the Bearer key check in front of every request, and the rule that writes need an editor.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<IApiKeyStore>(provider => provider.GetRequiredService<SqliteGraphStore>());
        services.AddTransient<IStartupFilter, ApiKeyStartupFilter>();
        services.AddSingleton<IConfigureExecution, WriteAccessExecution>();
        return services;
    }
}
