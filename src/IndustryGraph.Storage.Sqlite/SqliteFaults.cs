using IndustryGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>What a SQLite error means for the people running the server (see the result codes at sqlite.org/rescode.html).</summary>
public static class SqliteFaults
{
    public static StorageFault? Classify(Exception exception, string? path)
    {
        var where = path is null ? "the database file" : Path.GetFullPath(path);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is StoreFileMovedException moved)
            {
                return moved.Fault;
            }

            if (current is SqliteException sqlite)
            {
                // The primary result code is the low byte of the extended one.
                return (sqlite.SqliteErrorCode & 0xFF) switch
                {
                    13 => new StorageFault(StorageFault.Full, $"the disk holding {where} is full: free some space (or move the store with --db) and try again", 75),
                    8 or 3 => new StorageFault(StorageFault.ReadOnly, $"{where} is read-only: make the file and its folder writable, or choose another place with --db", 77),
                    11 or 26 => new StorageFault(StorageFault.Corrupt, $"{where} is damaged or not an IndustryGraph database: restore it from a backup, or move it away to start from the seed", 65),
                    5 or 6 => new StorageFault(StorageFault.Busy, $"{where} is locked by another process: stop the other server or command using it, then try again", 75),
                    14 => new StorageFault(StorageFault.Unavailable, $"{where} cannot be opened: check that its folder exists and is writable, or choose another place with --db", 74),
                    10 => StorageFault.OfFileSystem(exception, path) ?? new StorageFault(StorageFault.Unavailable, $"reading or writing {where} failed (disk error): check the disk and try again", 74),
                    _ => null,
                };
            }
        }

        return StorageFault.OfFileSystem(exception, path);
    }
}
