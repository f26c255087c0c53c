namespace IndustryGraph.Storage.Sqlite;

/// <summary>How the embedded store uses its file.</summary>
public sealed record SqliteStoreOptions
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a statement waits for a lock another process holds on the file before it fails with STORAGE_BUSY.</summary>
    public TimeSpan BusyTimeout { get; init; } = DefaultBusyTimeout;
}
