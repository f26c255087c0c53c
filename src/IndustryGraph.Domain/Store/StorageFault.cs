namespace IndustryGraph.Domain.Store;

/// <summary>
/// Why the store cannot be read or written, said once for people and once for programs: a stable
/// <see cref="Code"/> (also the GraphQL <c>extensions.code</c>), a one-line <see cref="Message"/> saying what to
/// do, and the process exit code the command line ends with.
/// </summary>
public sealed record StorageFault(string Code, string Message, int ExitCode)
{
    public const string Full = "STORAGE_FULL";
    public const string ReadOnly = "STORAGE_READ_ONLY";
    public const string Corrupt = "STORAGE_CORRUPT";
    public const string Busy = "STORAGE_BUSY";
    public const string Unavailable = "STORAGE_UNAVAILABLE";

    public static readonly IReadOnlyList<string> Codes = [Full, ReadOnly, Corrupt, Busy, Unavailable];

    /// <summary>The fault behind a file-system exception anywhere in the chain (a full disk, no permission), or null.</summary>
    public static StorageFault? OfFileSystem(Exception exception, string? path)
    {
        var where = path is null ? "the data folder" : Path.GetFullPath(path);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case IOException io when IsDiskFull(io):
                    return new StorageFault(Full, $"the disk holding {where} is full: free some space (or move the store with --db) and try again", 75);
                case UnauthorizedAccessException:
                    return new StorageFault(ReadOnly, $"{where} cannot be written (read-only or no permission): make it writable, or choose another place with --db", 77);
            }
        }

        return null;
    }

    // ENOSPC (28) on Linux and macOS; ERROR_DISK_FULL (112) and ERROR_HANDLE_DISK_FULL (39) on Windows.
    private static bool IsDiskFull(IOException exception) => (exception.HResult & 0xFFFF) is 28 or 39 or 112;
}
