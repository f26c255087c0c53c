using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Cli;
using Xunit.Abstractions;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>
/// Full disk, read-only folder and damaged database file, at start and during writes: one line saying what to do
/// and a non-zero exit code on the command line, a STORAGE_* code over HTTP; never a stack trace or a bare 500.
/// </summary>
public sealed class StorageFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("industrygraph-faults").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static void AssertOneLineWithoutTrace(string error, string expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{error}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    private SmallFileSystem? Mount(int kilobytes)
    {
        var mounted = SmallFileSystem.TryMount(kilobytes, out var whyNot);
        if (mounted is null)
        {
            output.WriteLine(whyNot);
            Console.WriteLine($"{nameof(StorageFaultTests)}: {whyNot}");
        }

        return mounted;
    }

    [Fact]
    public async Task A_damaged_database_file_at_start_is_one_line_and_exit_code_65()
    {
        var db = Path.Combine(directory, "damaged.db");
        await File.WriteAllTextAsync(db, string.Concat(Enumerable.Repeat("not a database ", 500)));
        foreach (var args in new[] { new[] { "serve", "--db", db, "--urls", "http://127.0.0.1:0" }, ["export", "--format", "json", "--out", Path.Combine(directory, "out.json"), "--db", db] })
        {
            var (exitCode, _, error) = await CommandLineTests.RunAsync(args);
            Assert.Equal(65, exitCode);
            AssertOneLineWithoutTrace(error, "damaged or not an IndustryGraph database");
        }

        Assert.False(File.Exists(Path.Combine(directory, "out.json")));
    }

    [Fact]
    public async Task A_full_disk_at_start_is_one_line_and_an_exit_code()
    {
        using var disk = Mount(256);
        if (disk is null)
        {
            return;
        }

        var (exitCode, _, error) = await CommandLineTests.RunAsync("seed", "load", "--db", Path.Combine(disk.Path, "graph.db"));
        Assert.Equal(75, exitCode);
        AssertOneLineWithoutTrace(error, "is full");
    }

    [Fact]
    public async Task A_read_only_folder_at_start_is_one_line_and_an_exit_code()
    {
        using var disk = Mount(1024);
        if (disk is null)
        {
            return;
        }

        disk.MakeReadOnly();
        var (exitCode, _, error) = await CommandLineTests.RunAsync("serve", "--db", Path.Combine(disk.Path, "graph.db"), "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, exitCode);
        AssertOneLineWithoutTrace(error, "--db");
    }

    [Fact]
    public async Task An_export_onto_a_full_disk_fails_with_one_line_and_leaves_no_file()
    {
        using var disk = Mount(64);
        if (disk is null)
        {
            return;
        }

        var db = Path.Combine(directory, "graph.db");
        Assert.Equal(0, (await CommandLineTests.RunAsync("seed", "load", "--db", db)).ExitCode);
        foreach (var format in new[] { "json", "graphml", "cypher", "csv" })
        {
            var target = Path.Combine(disk.Path, $"export-{format}");
            var (exitCode, _, error) = await CommandLineTests.RunAsync("export", "--format", format, "--out", target, "--db", db);
            Assert.Equal(75, exitCode);
            AssertOneLineWithoutTrace(error, "is full");
            Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
        }
    }

    [Fact]
    public async Task A_write_over_HTTP_onto_a_full_disk_answers_a_storage_code_and_reads_go_on()
    {
        using var disk = Mount(16 * 1024);
        if (disk is null)
        {
            return;
        }

        var server = new RunningServer { Folder = Path.Combine(disk.Path, "store") };
        await server.InitializeAsync();
        try
        {
            var key = await server.CreateKeyAsync(ApiRole.Editor, "fault-editor");
            const string AddFact = """
                mutation($value: String!) { addFact(input: { entity: "park-jindai", key: "fault_probe", value: $value, provenance: { curated: true, note: "fault test" } }) { key } }
                """;
            disk.Fill();
            var full = await server.PostWithKeyAsync(key, AddFact, new { value = new string('x', 20_000) });
            Assert.NotEqual(500, full.Status);
            Assert.Contains(full.ErrorCodes, code => code.StartsWith("STORAGE_", StringComparison.Ordinal));
            output.WriteLine($"full disk: {string.Join(",", full.ErrorCodes)}: {full.Errors![0]!["message"]}");

            // Reads go on while writes cannot; a read-only remount is refused while the server holds the file open
            // for writing, so the read-only case is tested at start (above).
            Assert.Null((await server.PostAsync("{ parks(first: 1) { totalCount } }")).Errors);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Another process's connection holding the write lock (BEGIN EXCLUSIVE; WAL readers go on).</summary>
    private static Microsoft.Data.Sqlite.SqliteConnection HoldWriteLock(string db)
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        begin.ExecuteNonQuery();
        return connection;
    }

    [Fact]
    public async Task A_database_locked_by_another_process_is_one_line_and_exit_code_75()
    {
        var db = Path.Combine(directory, "locked.db");
        Assert.Equal(0, (await CommandLineTests.RunAsync("seed", "load", "--db", db)).ExitCode);
        using (HoldWriteLock(db))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (exitCode, _, error) = await CommandLineTests.RunAsync("seed", "load", "--db", db, "--busy-timeout", "1");
            output.WriteLine($"locked: exit {exitCode} after {clock.Elapsed.TotalSeconds:0.0} s: {error.Trim()}");
            Assert.Equal(75, exitCode);
            AssertOneLineWithoutTrace(error, "is locked by another process");
            // The 1 s wait, not the default 30 s (the process's start and the seed's validation take the rest).
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    [Fact]
    public async Task A_write_over_HTTP_while_another_process_holds_the_lock_answers_STORAGE_BUSY_and_reads_go_on()
    {
        var folder = Path.Combine(directory, "store");
        var server = new RunningServer { Folder = folder, Store = IndustryGraph.Server.Hosting.StoreSettings.Sqlite(Path.Combine(folder, "graph.db")) with { BusyTimeout = TimeSpan.FromSeconds(1) } };
        await server.InitializeAsync();
        try
        {
            var key = await server.CreateKeyAsync(ApiRole.Editor, "busy-editor");
            const string AddFact = """
                mutation { addFact(input: { entity: "park-jindai", key: "busy_probe", value: "1", provenance: { curated: true, note: "busy test" } }) { key } }
                """;
            using (HoldWriteLock(server.DbPath))
            {
                var busy = await server.PostWithKeyAsync(key, AddFact);
                Assert.NotEqual(500, busy.Status);
                Assert.Equal([IndustryGraph.Domain.Store.StorageFault.Busy], busy.ErrorCodes);
                Assert.Contains("locked by another process", busy.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Null((await server.PostAsync("{ parks(first: 1) { totalCount } }")).Errors);
            }

            // The lock gone, the same write goes through.
            Assert.Null((await server.PostWithKeyAsync(key, AddFact)).Errors);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
