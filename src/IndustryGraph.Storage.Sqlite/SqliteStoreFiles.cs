using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

/// <summary>The files a SQLite store is made of, for commands that create a store and must leave nothing behind.</summary>
public static class SqliteStoreFiles
{
    /// <summary>Lets go of every pooled connection, so the store's files can be deleted.</summary>
    public static void Release() => SqliteConnection.ClearAllPools();

    /// <summary>The store file with the journal files beside it, after releasing the pooled connections.</summary>
    public static void Remove(string dbPath)
    {
        Release();
        foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm", dbPath + "-journal" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
