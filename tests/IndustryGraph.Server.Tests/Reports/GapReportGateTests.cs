using System.Net;
using GraphQL.DI;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Tests.GraphQL;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Reports;

/// <summary>One turn per lane and a short clock: a held analysis turn leaves the 招商清单 waiting, and quick queries not.</summary>
public sealed class OneTurnServer : IAsyncLifetime
{
    public SlowProbe Probe { get; } = new();

    public RunningServer Server { get; }

    public OneTurnServer() => Server = new()
    {
        Configure = services =>
        {
            services.Configure<GraphQLLimits>(limits =>
            {
                limits.MaxConcurrentRequests = 1;
                limits.ExecutionTimeout = TimeSpan.FromSeconds(3);
            });
            services.AddSingleton<IConfigureExecution>(Probe);
        },
    };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class GapReportGateTests(OneTurnServer fixture) : IClassFixture<OneTurnServer>
{
    [Fact]
    public async Task The_report_waits_for_an_analysis_turn_within_its_clock_while_quick_queries_pass()
    {
        var held = fixture.Server.PostAsync(SlowProbe.HoldingMarker + "\n{ __typename }");
        await fixture.Probe.Started.Task;
        try
        {
            using var report = await fixture.Server.Http.GetAsync(new Uri("/reports/gaps?chain=" + Uri.EscapeDataString("智能传感器") + "&format=csv&lang=en", UriKind.Relative));
            Assert.Equal(HttpStatusCode.GatewayTimeout, report.StatusCode);
            Assert.Contains("took longer than the limit of 3 s", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var quick = await fixture.Server.PostAsync("{ __typename parks(first: 1) { totalCount } }");
            Assert.Equal(200, quick.Status);
            Assert.True(quick.Errors is null, quick.Body?.ToJsonString());
        }
        finally
        {
            fixture.Probe.Released.TrySetResult();
            await held;
        }

        // The turn given back, the report is built again.
        using var after = await fixture.Server.Http.GetAsync(new Uri("/reports/gaps?chain=" + Uri.EscapeDataString("智能传感器") + "&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
