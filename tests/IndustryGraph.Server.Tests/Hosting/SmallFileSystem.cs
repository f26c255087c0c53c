using System.Diagnostics;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>
/// A tmpfs of a few hundred kilobytes mounted for one test, to fill up or make read-only; it needs root and a
/// kernel that allows the mount, so <see cref="TryMount"/> says why when it cannot be had and the test skips.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    private SmallFileSystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFileSystem? TryMount(int kilobytes, out string? whyNot)
    {
        whyNot = null;
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            whyNot = "skipped: mounting a small tmpfs needs Linux and root (run as root in CI)";
            return null;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "industrygraph-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (exitCode, error) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        if (exitCode != 0)
        {
            Directory.Delete(path);
            whyNot = $"skipped: mount -t tmpfs failed here ({error.Trim()})";
            return null;
        }

        return new SmallFileSystem(path);
    }

    public void MakeReadOnly() => Assert.Equal(0, Run("mount", "-o", "remount,ro", Path).ExitCode);

    /// <summary>Fills the file system to the last byte.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full: what the test wanted.
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's cleanup.
        }
    }

    private static (int ExitCode, string Error) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
