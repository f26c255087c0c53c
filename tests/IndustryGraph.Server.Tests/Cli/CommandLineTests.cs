using System.Diagnostics;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Tests.Cli;

/// <summary>The executable as a user runs it: a separate process, its exit code and what it prints.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("industrygraph-cli").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "industrygraph.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private string BrokenSeed(string file, string extraLine)
    {
        var folder = Path.Combine(directory, "broken");
        Directory.CreateDirectory(folder);
        foreach (var path in Directory.GetFiles(SeedFolder.Default, "*.csv"))
        {
            File.Copy(path, Path.Combine(folder, Path.GetFileName(path)), overwrite: true);
        }

        File.AppendAllText(Path.Combine(folder, file), extraLine + "\n");
        return folder;
    }

    [Fact]
    public async Task Serve_with_an_empty_db_is_a_usage_error_not_a_crash()
    {
        var (exitCode, _, error) = await RunAsync("serve", "--db", "");
        Assert.Equal(1, exitCode);
        Assert.Contains("--db needs the path of a database file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_validate_accepts_the_shipped_seed()
    {
        var (exitCode, output, _) = await RunAsync("seed", "validate", SeedFolder.Default);
        Assert.Equal(0, exitCode);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_validate_names_file_line_and_column_and_fails()
    {
        var folder = BrokenSeed("relationships.csv", "park-jindai,LOCATED_IN,d-nowhere,000_8dff29a42f7edaf7.txt,6,");
        var (exitCode, _, error) = await RunAsync("seed", "validate", folder);
        Assert.Equal(1, exitCode);
        var lines = File.ReadAllLines(Path.Combine(folder, "relationships.csv")).Length;
        Assert.Contains($"relationships.csv:{lines}:24: reference to nothing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_new_db_with_a_broken_seed_writes_no_database()
    {
        var folder = BrokenSeed("facts.csv", "park-jindai,land_area,很大,huge,,,000_8dff29a42f7edaf7.txt,14,");
        var db = Path.Combine(directory, "new.db");
        var (exitCode, _, error) = await RunAsync("serve", "--db", db, "--seed", folder, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, exitCode);
        Assert.Contains("bad number 'huge'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Seed_load_fills_a_store_and_reports_what_changed()
    {
        var db = Path.Combine(directory, "loaded.db");
        var (exitCode, output, _) = await RunAsync("seed", "load", SeedFolder.Default, "--db", db);
        Assert.Equal(0, exitCode);
        Assert.Matches(@"entities \+\d{3,}", output);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public async Task Help_describes_every_command()
    {
        var (exitCode, output, _) = await RunAsync("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("seed", output, StringComparison.Ordinal);
        Assert.Contains("--db", output, StringComparison.Ordinal);
    }
}

/// <summary>The Neo4j options as a user meets them without a Neo4j server (none can run here).</summary>
public sealed class Neo4jCommandLineTests
{
    [Fact]
    public async Task Serve_with_the_neo4j_store_but_no_url_says_what_is_missing()
    {
        var (exitCode, _, error) = await CommandLineTests.RunAsync("serve", "--store", "neo4j");
        Assert.Equal(1, exitCode);
        Assert.Contains("--store neo4j needs --neo4j-url", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neo4j_schema_prints_the_uniqueness_constraints_and_the_cjk_full_text_index()
    {
        var (exitCode, output, _) = await CommandLineTests.RunAsync("neo4j", "schema");
        Assert.Equal(0, exitCode);
        Assert.Contains("CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE;", output, StringComparison.Ordinal);
        Assert.Contains("`fulltext.analyzer`: 'cjk'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_neo4j_store_that_cannot_be_reached_is_named_in_one_line_without_the_password()
    {
        Environment.SetEnvironmentVariable("NEO4J_USERNAME", "neo4j");
        Environment.SetEnvironmentVariable("NEO4J_PASSWORD", "pw-that-must-not-show");
        try
        {
            var (exitCode, output, error) = await CommandLineTests.RunAsync("keys", "list", "--store", "neo4j", "--neo4j-url", "http://127.0.0.1:9");
            Assert.Equal(1, exitCode);
            Assert.Contains("the Neo4j store at http://127.0.0.1:9 cannot be reached", error, StringComparison.Ordinal);
            Assert.DoesNotContain("pw-that-must-not-show", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NEO4J_USERNAME", null);
            Environment.SetEnvironmentVariable("NEO4J_PASSWORD", null);
        }
    }
}
