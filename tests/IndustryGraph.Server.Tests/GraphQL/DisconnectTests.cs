using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.DI;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>
/// A step of the execution pipeline that waits, on the request's token, for as long as the time limit, when the
/// query carries <see cref="Marker"/>: it stands for a long analysis, and tells when its token was cancelled. A query
/// carrying <see cref="HoldingMarker"/> instead holds its turn (of the analysis lane) until the test sets <see cref="Released"/>.
/// </summary>
public sealed class SlowProbe : IConfigureExecution
{
    public const string Marker = "# slow probe";

    public const string HoldingMarker = "# holding probe: chainGaps";

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public float SortOrder => 300;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long the work ran before its token was cancelled.</summary>
    public TaskCompletionSource<TimeSpan> Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query?.Contains(HoldingMarker, StringComparison.Ordinal) == true)
        {
            Started.TrySetResult();
            await Released.Task;
            return await next(options);
        }

        if (options.Query?.Contains(Marker, StringComparison.Ordinal) != true)
        {
            return await next(options);
        }

        var clock = Stopwatch.StartNew();
        Started.TrySetResult();
        try
        {
            await Task.Delay(DisconnectServer.TimeLimit, options.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Stopped.TrySetResult(clock.Elapsed);
            throw;
        }

        Stopped.TrySetException(new InvalidOperationException("the work ran its whole time limit: its token was never cancelled"));
        return await next(options);
    }
}

/// <summary>One request at a time and a long time limit, so a request left running after its client went would hold the only slot.</summary>
public sealed class DisconnectServer : IAsyncLifetime
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public SlowProbe Probe { get; } = new();

    public RunningServer Server { get; }

    public DisconnectServer() => Server = new()
    {
        Configure = services =>
        {
            services.Configure<GraphQLLimits>(limits =>
            {
                limits.ExecutionTimeout = TimeLimit;
                limits.MaxConcurrentRequests = 1;
            });
            services.AddSingleton<IConfigureExecution>(Probe);
        },
    };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class DisconnectTests(DisconnectServer fixture) : IClassFixture<DisconnectServer>
{
    [Fact]
    public async Task Work_stops_when_the_client_disconnects_and_frees_its_slot()
    {
        var body = JsonSerializer.Serialize(new { query = SlowProbe.Marker + "\n{ parks(first: 1) { totalCount } }" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var client = new CancellationTokenSource();
        var sent = fixture.Server.Http.SendAsync(request, client.Token);

        await fixture.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var disconnected = Stopwatch.StartNew();
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);

        // Well before the 30 s limit: the server saw the client go and cancelled the work's token.
        var ran = await fixture.Probe.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stoppedAfter = disconnected.Elapsed;
        Console.WriteLine($"{nameof(DisconnectTests)}: work stopped {stoppedAfter.TotalMilliseconds:0} ms after the client went ({ran.TotalMilliseconds:0} ms in all; time limit {DisconnectServer.TimeLimit.TotalSeconds} s)");
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(5), $"the work stopped {stoppedAfter.TotalSeconds:0.0} s after the client went");

        // The only slot is free again: a small query does not wait for the abandoned one's time limit.
        var clock = Stopwatch.StartNew();
        var next = await fixture.Server.PostAsync("{ parks(first: 1) { totalCount } }");
        Assert.Null(next.Errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the next query waited {clock.Elapsed.TotalSeconds:0.0} s for the slot");
    }
}
