using System.Diagnostics;
using IndustryGraph.Server.Seed;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer;

/// <summary>The import command as a user runs it: a separate process, its output and exit code.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    internal static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "industrygraph.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task A_broken_folder_lists_every_problem_and_imports_nothing()
    {
        var folder = Path.Combine(scratch.Path, "broken");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(SeedFolder.Default, "*.csv"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        await File.AppendAllTextAsync(Path.Combine(folder, "relationships.csv"), "park-jindai,LOCATED_IN,d-nowhere,curated,,planned\n");
        await File.AppendAllTextAsync(Path.Combine(folder, "facts.csv"), "park-jindai,floor_area,7.6万平方米,七万,,2025,,curated,,survey\n");
        var db = Path.Combine(scratch.Path, "graph.db");

        var (exitCode, _, errors) = await RunAsync("import", folder, "--db", db);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"relationships\.csv:\d+:24: reference to nothing: no entity, chain link or source has key 'd-nowhere'", errors);
        Assert.Matches(@"facts\.csv:\d+:\d+: bad number '七万'", errors);
        Assert.Contains("2 problem(s)", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(db), "a failed import into a new path must not leave a store behind");
    }

    [Fact]
    public async Task A_dry_run_prints_what_would_change_and_writes_nothing_then_the_import_states_it()
    {
        var db = Path.Combine(scratch.Path, "graph.db");
        var dryRun = await RunAsync("import", SeedFolder.Default, "--db", db, "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Matches(@"Dry run of .* would change entities \d+ added, 0 updated, 0 removed; relationships \d+ added.*nothing was written\.", dryRun.Output);
        Assert.False(File.Exists(db));

        var import = await RunAsync("import", SeedFolder.Default, "--db", db);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("import: valid:", import.Output, StringComparison.Ordinal);
        Assert.Matches(@"Imported .* entities \d+ added, 0 updated, 0 removed; .* data version 1\.", import.Output.TrimEnd().Split('\n')[^1]);

        var again = await RunAsync("import", SeedFolder.Default, "--db", db);
        Assert.Contains("nothing (the store already holds this data)", again.Output, StringComparison.Ordinal);
    }
}
