namespace IndustryGraph.Storage.Contract;

/// <summary>
/// A new, empty folder of its own under the temp folder's <c>industrygraph-tests</c>, deleted with all it holds
/// when disposed: the one scratch folder of every test that writes files.
/// </summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string? purpose = null)
    {
        Path = NewPath(purpose);
        Directory.CreateDirectory(Path);
    }

    /// <summary>A path no test has used, where such a folder would go; not created (for a fixture that makes and removes its own).</summary>
    public static string NewPath(string? purpose = null) =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "industrygraph-tests", (purpose is null ? "" : purpose + "-") + Guid.NewGuid().ToString("N"));

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file still held by the OS is cleaned with the temp folder later; the test result stands.
        }
    }
}
