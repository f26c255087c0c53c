using System.Diagnostics;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>Paths in the source tree the tests run from, and a runner for the node scripts in tests/clients.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SchemaFile => Path.Combine(Root, "schema", "schema.graphql");

    public static string ExamplesFolder => Path.Combine(Root, "schema", "examples");

    public static string ClientsFolder => Path.Combine(Root, "tests", "clients");

    /// <summary>The rows of a file of the shipped seed, each as column → cell.</summary>
    public static IReadOnlyList<Dictionary<string, string>> SeedRows(string file)
    {
        var errors = new List<IndustryGraph.Domain.Seed.SeedError>();
        var table = IndustryGraph.Domain.Seed.CsvTable.Parse(file, File.ReadAllBytes(Path.Combine(Root, "seed", file)), errors);
        Assert.True(table is not null, string.Join("; ", errors));
        return table.Rows.Select(row => table.ColumnIndex.ToDictionary(column => column.Key, column => row.Fields[column.Value], StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IndustryGraph.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the tests run outside the source tree: no IndustryGraph.sln above " + AppContext.BaseDirectory);
    }

    public sealed record ProcessResult(int ExitCode, string Output, string Error);

    /// <summary>Runs a node script of tests/clients (its packages installed by tests/setup/10-clients.sh).</summary>
    public static async Task<ProcessResult> RunNodeAsync(string script, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(ClientsFolder, "node_modules")), "tests/clients/node_modules is missing: run bash tests/setup/10-clients.sh (tests/run-all.sh does)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = ClientsFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

/// <summary>A test that runs a node client of tests/clients: skipped, with the reason printed, when its packages are not installed.</summary>
public sealed class NodeClientsFactAttribute : FactAttribute
{
    public NodeClientsFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(Repository.ClientsFolder, "node_modules")))
        {
            Skip = "tests/clients/node_modules is missing: run bash tests/setup/10-clients.sh (tests/run-all.sh does)";
        }
    }
}
