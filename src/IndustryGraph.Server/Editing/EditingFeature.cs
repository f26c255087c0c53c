using IndustryGraph.Domain.Store;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Storage.Sqlite;

namespace IndustryGraph.Server.Editing;

public static class EditingFeature
{
    /// <summary>Mutations that create, update and delete entities, facts and relationships.</summary>
    public static IServiceCollection AddEditing(this IServiceCollection services)
    {
        services.AddSingleton<IGraphEditor>(provider => provider.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<IMutationFields, EditMutations>();
        return services;
    }
}
