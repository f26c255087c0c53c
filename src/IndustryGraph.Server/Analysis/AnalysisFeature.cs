using IndustryGraph.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IndustryGraph.Server.Analysis;

public static class AnalysisFeature
{
    /// <summary>Chain analysis root fields over an in-memory index of the graph, rebuilt when the data changes, results cached per data version.</summary>
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddScoped<RequestLanguage>();
        services.AddScoped<UnknownNameBudget>();
        services.AddOptions<AnalysisOptions>().BindConfiguration("Analysis");
        services.AddSingleton<AnalysisIndexProvider>();
        services.AddHostedService<AnalysisIndexWarmup>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<IQueryFields, AnalysisQueries>();
        return services;
    }
}
