using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>A store on an SQLite file, reached through the port as the server's commands reach it.</summary>
public static class TestStore
{
    public static IGraphStore Open(string dbPath) => StoreSelection.Open(StoreSettings.Sqlite(dbPath)).GetRequiredService<IGraphStore>();
}
