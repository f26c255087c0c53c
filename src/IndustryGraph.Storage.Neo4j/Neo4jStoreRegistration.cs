using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace IndustryGraph.Storage.Neo4j;

public static class Neo4jStoreRegistration
{
    /// <summary>
    /// Registers every port this adapter serves — reads and imports, edits, API keys, the audit trail — on one Neo4j
    /// database, through an HttpClient with retries of transient failures. Only statements that run in their own
    /// (implicit) transaction are retried by the HTTP layer; a failed request inside an explicit transaction is not
    /// repeated (the unit of work is run again whole instead, see <see cref="Neo4jGraphStore"/>).
    /// </summary>
    public static IServiceCollection AddNeo4jStore(this IServiceCollection services, Neo4jSettings settings, Func<HttpMessageHandler>? primaryHandler = null)
    {
        services.AddSingleton(settings);
        var client = services.AddHttpClient<QueryApiTransport>(http =>
        {
            http.BaseAddress = settings.Url;
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        if (primaryHandler is not null)
        {
            client.ConfigurePrimaryHttpMessageHandler(primaryHandler);
        }

        client.AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(5);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(5);
            options.Retry.ShouldHandle = arguments => ValueTask.FromResult(
                IsImplicit(arguments.Outcome.Result?.RequestMessage) && HttpClientResiliencePredicates.IsTransient(arguments.Outcome));
        });
        services.AddSingleton<Neo4jGraphStore>();
        services.AddSingleton<IGraphStore>(provider => provider.GetRequiredService<Neo4jGraphStore>());
        services.AddSingleton<IGraphEditor>(provider => provider.GetRequiredService<Neo4jGraphStore>());
        services.AddSingleton<IApiKeyStore>(provider => provider.GetRequiredService<Neo4jGraphStore>());
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<Neo4jGraphStore>());
        services.AddSingleton<IStoreSchema>(provider => provider.GetRequiredService<Neo4jGraphStore>());
        return services;
    }

    /// <summary>A request to <c>/query/v2</c> itself: one statement in its own transaction, safe to send again after a transient failure.</summary>
    private static bool IsImplicit(HttpRequestMessage? request) =>
        request?.RequestUri?.AbsolutePath.EndsWith("/query/v2", StringComparison.Ordinal) == true;
}
