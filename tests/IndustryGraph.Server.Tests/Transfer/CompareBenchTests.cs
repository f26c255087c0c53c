using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Contract;
using Xunit.Abstractions;

namespace IndustryGraph.Server.Tests.Transfer;

/// <summary>The benchmark on a small graph, so it cannot rot: every question answered by all three systems, and the same answers.</summary>
public sealed class CompareBenchTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDirectory folder = new("compare");

    [Fact]
    public async Task Bench_compare_on_S_answers_every_question_alike_in_the_project_kuzu_and_sql()
    {
        var kuzu = Path.Combine(Repository.Root, "bench", "kuzu", "node_modules", "kuzu");
        if (!Directory.Exists(kuzu))
        {
            output.WriteLine($"skipped: Kùzu is not installed in {kuzu} (bash tests/setup/40-bench-kuzu.sh installs it)");
            return;
        }

        var printed = new StringWriter();
        var exit = await new CompareBench(GraphSize.S, seed: 1, folder.Path, rounds: 3, wrkSeconds: 1, printed).RunAsync(CancellationToken.None);
        output.WriteLine(printed.ToString());

        Assert.Equal(0, exit);
        Assert.Contains("answers: the three systems agree on every question", printed.ToString(), StringComparison.Ordinal);
        Assert.Contains("| `upstream` depth 4 from a link |", printed.ToString(), StringComparison.Ordinal);
        if (File.Exists("/usr/bin/wrk"))
        {
            // Each one-item read beside the plain endpoint, with its ratio and what each server spent per answer.
            Assert.Contains("floors: a plain Kestrel answer costs the machine about", printed.ToString(), StringComparison.Ordinal);
            Assert.Matches(@"\| `\{ node\(id: ""[A-Za-z0-9_-]+""\) \{ \.\.\. on Park \{ name \} \} \}` \| [\d,]+ \| [\d,]+ \| \d+\.\d\d× \| \d+\.\d \| \d+\.\d \|", printed.ToString());
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
