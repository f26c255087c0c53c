using IndustryGraph.Server.GraphQL;

namespace IndustryGraph.Server.Editing;

public static class EditingFeature
{
    /// <summary>Mutations that create, update and delete entities, facts and relationships.</summary>
    public static IServiceCollection AddEditing(this IServiceCollection services)
    {
        services.AddSingleton<IMutationFields, EditMutations>();
        return services;
    }
}
