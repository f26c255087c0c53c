using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Sqlite;

public static class SqliteStoreRegistration
{
    /// <summary>
    /// Registers every port this adapter serves — reads and imports, edits, API keys, the audit trail — on one
    /// SQLite file, opened (created and migrated when missing) on first use.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string path, SqliteStoreOptions? options = null)
    {
        services.AddSingleton(_ => SqliteGraphStore.Open(path, options));
        services.AddSingleton<IGraphStore>(provider => provider.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<IGraphEditor>(provider => provider.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<IApiKeyStore>(provider => provider.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<SqliteGraphStore>());
        return services;
    }
}
