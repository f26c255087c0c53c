using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>
/// The database file the store opened, held open so that it can tell when the path no longer leads to it: the
/// file deleted, or another moved over it (a restore by <c>mv</c>). SQLite keeps writing into the file it opened
/// (in WAL mode it does not check), so without this a write would be acknowledged into a file nobody will read
/// again, or its write-ahead log replayed onto the restored file at the next start.
/// </summary>
internal sealed class StoreFileIdentity : IDisposable
{
    private readonly string path;
    private readonly FileStream? handle;

    private StoreFileIdentity(string path, FileStream? handle) => (this.path, this.handle) = (path, handle);

    public static StoreFileIdentity Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        // Shared every way and never locked: SQLite's own locks stay as they are; this handle only names the file.
        var handle = new FileStream(fullPath, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 });
        return new StoreFileIdentity(fullPath, handle);
    }

    /// <summary>Why the path no longer leads to the file the store opened, or null while it does.</summary>
    public StorageFault? Check()
    {
        if (!File.Exists(path))
        {
            return Moved("was deleted");
        }

        // On Linux the kernel names each open file: a file unlinked (deleted, or replaced by a rename over it) is
        // named with " (deleted)" after its old path.
        if (handle is not null && OperatingSystem.IsLinux())
        {
            var link = $"/proc/self/fd/{handle.SafeFileHandle.DangerousGetHandle()}";
            var target = new FileInfo(link).LinkTarget;
            if (target is not null && target != path)
            {
                return Moved("was replaced by another file");
            }
        }

        return null;
    }

    private StorageFault Moved(string what) => new(StorageFault.Unavailable,
        $"{path} {what} while the server was running: writes are refused so that none is lost. Stop the server; to restore a backup, " +
        $"remove {path}-wal and {path}-shm before putting the backup in place (or use a backup made with the sqlite3 .backup command), then start it again", 74);

    public void Dispose() => handle?.Dispose();
}

/// <summary>A write refused because the store's file was deleted or replaced while it was open (<see cref="StoreFileIdentity"/>).</summary>
public sealed class StoreFileMovedException(StorageFault fault) : IOException(fault.Message)
{
    public StorageFault Fault { get; } = fault;
}
