using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Analysis;

/// <summary>Past Analysis:InMemoryLimit rows the index is not loaded: analysis fields say so, entity fields still answer.</summary>
public sealed class AnalysisSizeLimitTests : IAsyncLifetime
{
    private readonly RunningServer server = new() { Configure = services => services.Configure<AnalysisOptions>(options => options.InMemoryLimit = 100) };

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task A_graph_larger_than_the_limit_answers_analysis_with_ANALYSIS_TOO_LARGE_and_entities_as_usual()
    {
        var response = await server.PostAsync("""{ chainGaps(chain: "智能传感器") { link { name } } }""");
        Assert.Equal(["ANALYSIS_TOO_LARGE"], response.ErrorCodes);
        Assert.Contains("Analysis:InMemoryLimit (100)", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var parks = await server.QueryAsync("""{ parks(first: 1) { totalCount } }""");
        Assert.True(parks["parks"]!["totalCount"]!.GetValue<int>() > 0);
    }
}
