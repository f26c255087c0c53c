using IndustryGraph.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryGraph.Storage.Neo4j.Tests;

/// <summary>
/// The shared store contract against a real Neo4j 5, when <c>NEO4J_URL</c> (and <c>NEO4J_USERNAME</c>/<c>NEO4J_PASSWORD</c>
/// or <c>NEO4J_TOKEN</c>) name one; <c>NEO4J_DATABASE</c> picks the database (default <c>neo4j</c>). Each test ERASES that
/// database's IndustryGraph data first: point it at a throwaway database. Without a server these show as skipped.
/// </summary>
public static class Neo4jUnderTest
{
    public const string Reason = "no Neo4j server to run the store contract against; set NEO4J_URL (+ NEO4J_USERNAME/NEO4J_PASSWORD or NEO4J_TOKEN, NEO4J_DATABASE) to a throwaway database";

    public static void AddStore(IServiceCollection services) =>
        services.AddNeo4jStore(Neo4jSettings.FromEnvironment(
            Environment.GetEnvironmentVariable("NEO4J_URL")!, Environment.GetEnvironmentVariable("NEO4J_DATABASE") is { Length: > 0 } database ? database : "neo4j",
            Environment.GetEnvironmentVariable));

    public static async Task ResetAsync(IServiceProvider provider)
    {
        var store = provider.GetRequiredService<Neo4jGraphStore>();
        await store.ApplyAsync();
        await store.EraseAllAsync();
    }
}

[RequiresEnvironment(Neo4jUnderTest.Reason, "NEO4J_URL")]
public sealed class Neo4jReadContractTests : ReadContract
{
    protected override void AddStore(IServiceCollection services) => Neo4jUnderTest.AddStore(services);

    protected override Task ResetAsync(IServiceProvider provider) => Neo4jUnderTest.ResetAsync(provider);
}

[RequiresEnvironment(Neo4jUnderTest.Reason, "NEO4J_URL")]
public sealed class Neo4jImportContractTests : ImportContract
{
    protected override void AddStore(IServiceCollection services) => Neo4jUnderTest.AddStore(services);

    protected override Task ResetAsync(IServiceProvider provider) => Neo4jUnderTest.ResetAsync(provider);
}

[RequiresEnvironment(Neo4jUnderTest.Reason, "NEO4J_URL")]
public sealed class Neo4jEditContractTests : EditContract
{
    protected override void AddStore(IServiceCollection services) => Neo4jUnderTest.AddStore(services);

    protected override Task ResetAsync(IServiceProvider provider) => Neo4jUnderTest.ResetAsync(provider);
}

[RequiresEnvironment(Neo4jUnderTest.Reason, "NEO4J_URL")]
public sealed class Neo4jAccessContractTests : AccessContract
{
    protected override void AddStore(IServiceCollection services) => Neo4jUnderTest.AddStore(services);

    protected override Task ResetAsync(IServiceProvider provider) => Neo4jUnderTest.ResetAsync(provider);
}

[RequiresEnvironment(Neo4jUnderTest.Reason, "NEO4J_URL")]
public sealed class Neo4jPlacementContractTests : PlacementContract
{
    protected override void AddStore(IServiceCollection services) => Neo4jUnderTest.AddStore(services);

    protected override Task ResetAsync(IServiceProvider provider) => Neo4jUnderTest.ResetAsync(provider);
}
