using System.Diagnostics;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Contract;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IndustryGraph.Server.Tests.Transfer;

/// <summary>An import is all or nothing even when its process dies, and readers never see half of one.</summary>
public sealed class ImportFaultTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Dispose();
    }

    private string Generate(GraphSize size, int seed)
    {
        var folder = Path.Combine(scratch.Path, $"{size.Name}-{seed}");
        new GraphGenerator(size, seed).WriteTo(folder);
        return folder;
    }

    [Fact]
    public async Task Killing_the_importer_mid_import_leaves_exactly_the_data_from_before_and_the_server_starts()
    {
        var dbPath = Path.Combine(scratch.Path, "graph.db");
        var store = TestStore.Open(dbPath);
        await store.ImportAsync(SeedFolder.ReadOrThrow(Generate(GraphSize.S, 1)), ImportMode.Merge);
        var before = await store.CountAsync();
        var large = Generate(GraphSize.M, 2);

        // The built server, as a user runs it: `industrygraph import DIR --db PATH`, output to a pipe (plain progress lines).
        var server = Path.Combine(AppContext.BaseDirectory, "industrygraph.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { server, "import", large, "--db", dbPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var importer = Process.Start(start)!;
        var writing = false;
        while (await importer.StandardOutput.ReadLineAsync() is { } line)
        {
            // "import: 43,000 / 434,000 rows (10%)": rows are being written inside the open transaction.
            if (line.Contains(" rows (", StringComparison.Ordinal))
            {
                writing = true;
                importer.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup, no rollback by the process.
                break;
            }
        }

        await importer.WaitForExitAsync();
        Assert.True(writing, $"the importer ended before writing: {await importer.StandardError.ReadToEndAsync()}");
        Assert.NotEqual(0, importer.ExitCode);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = TestStore.Open(dbPath);
        Assert.Equal(before, await reopened.CountAsync());

        var app = ServerHost.Build(new ServerOptions("http://127.0.0.1:0", dbPath, SeedFolder.Default));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var health = JsonNode.Parse(await http.GetStringAsync("/health"))!;
            Assert.Equal(before.DataVersion, health["dataVersion"]!.GetValue<long>());
            using var response = await http.PostAsync("/graphql", new StringContent("""{"query":"{ enterprises { totalCount } }"}""", System.Text.Encoding.UTF8, "application/json"));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(GraphSize.S.Enterprises, body["data"]!["enterprises"]!["totalCount"]!.GetValue<int>());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>A problem found only in the last row, after the rows before it were written: the store keeps none of them.</summary>
public sealed class ImportLateProblemTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Dispose();
    }

    [Fact]
    public async Task A_bad_last_row_found_while_the_rows_before_it_are_written_leaves_the_store_as_it_was()
    {
        var dbPath = Path.Combine(scratch.Path, "graph.db");
        var small = Path.Combine(scratch.Path, "small");
        new GraphGenerator(GraphSize.S, 1).WriteTo(small);
        var store = TestStore.Open(dbPath);
        await store.ImportAsync(SeedFolder.ReadOrThrow(small), ImportMode.Merge);
        var before = await store.CountAsync();
        var large = Path.Combine(scratch.Path, "large");
        new GraphGenerator(GraphSize.M, 2).WriteTo(large);
        var facts = Path.Combine(large, "facts.csv");
        var line = File.ReadLines(facts).Count() + 1;
        await File.AppendAllTextAsync(facts, "d-001,staff,很多人,七万,,,,curated,,survey\n");

        // The store is at most a few parts behind validation, so by the last fact hundreds of thousands of rows were written.
        var (exitCode, output, errors) = await ImportCommandTests.RunAsync("import", large, "--db", dbPath);

        Assert.Equal(1, exitCode);
        Assert.Contains(" rows (", output, StringComparison.Ordinal);
        Assert.Matches($@"facts\.csv:{line}:\d+: bad number '七万'", errors);
        Assert.Contains("1 problem(s)", errors, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, await TestStore.Open(dbPath).CountAsync());
    }
}

/// <summary>
/// Parallel readers during a large import see the old graph or the new one, never a part of it — not even across
/// the fields of one query, each of which is a separate store read.
/// </summary>
public sealed class ImportIsolationTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task Concurrent_readers_see_either_the_old_or_the_new_graph()
    {
        const string Counts = "{ enterprises { totalCount } parks { totalCount } }";
        var before = await server.QueryAsync(Counts);
        var oldEnterprises = before["enterprises"]!["totalCount"]!.GetValue<int>();
        var oldParks = before["parks"]!["totalCount"]!.GetValue<int>();
        GraphDataset dataset;
        using (var generated = new TestDirectory())
        {
            new GraphGenerator(GraphSize.M, 3).WriteTo(generated.Path);
            dataset = SeedFolder.ReadOrThrow(generated.Path);
        }

        var newEnterprises = oldEnterprises + GraphSize.M.Enterprises;
        var newParks = oldParks + GraphSize.M.Parks;

        using var importDone = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<(int Enterprises, int Parks)>();
        var started = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        async Task ReadAsync(TaskCompletionSource readOnce)
        {
            // Keep reading until a little after the import committed.
            var extra = 5;
            var first = true;
            while (!importDone.IsCancellationRequested || extra-- > 0)
            {
                var data = await server.QueryAsync(Counts);
                seen.Add((data["enterprises"]!["totalCount"]!.GetValue<int>(), data["parks"]!["totalCount"]!.GetValue<int>()));
                if (first)
                {
                    first = false;
                    readOnce.SetResult();
                }
            }
        }

        var readers = started.Select(readOnce => Task.Run(() => ReadAsync(readOnce))).ToList();
        // Every reader is in its loop before the import starts (on a busy machine they might otherwise first run
        // after it), so reads go on all through it.
        await Task.WhenAll(started.Select(readOnce => readOnce.Task)).WaitAsync(TimeSpan.FromMinutes(1));
        var store = server.Services.GetRequiredService<IGraphStore>();
        await store.ImportAsync(dataset, ImportMode.Merge);
        await importDone.CancelAsync();
        await Task.WhenAll(readers);

        Assert.All(seen, counts => Assert.True(
            counts == (oldEnterprises, oldParks) || counts == (newEnterprises, newParks),
            $"a reader saw {counts}: neither the old graph {(oldEnterprises, oldParks)} nor the new {(newEnterprises, newParks)}"));
        Assert.Contains((oldEnterprises, oldParks), seen);
        Assert.Contains((newEnterprises, newParks), seen);
    }
}
