using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Server.Seed;

/// <summary>Reads a folder in the seed format into a validated dataset.</summary>
public static class SeedFolder
{
    /// <summary>Reads a folder of seed CSV files, or one JSON file with the same data (see seed/README.md).</summary>
    /// <param name="known">Entities already in the store that the rows may reference (a merge import).</param>
    public static SeedReadResult Read(string folder, IReadOnlyDictionary<string, KnownEntity>? known = null)
    {
        if (File.Exists(folder) && folder.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return SeedJson.TryRead(Path.GetFileName(folder), File.ReadAllBytes(folder), known);
        }

        if (!Directory.Exists(folder))
        {
            return new SeedReadResult(null, [new SeedError(folder, 0, 0, "no such folder or .json file")]);
        }

        return SeedReader.TryRead(ReadFiles(folder), known);
    }

    /// <summary>
    /// A folder of seed CSV files as an import stream, validated while the store writes it (see
    /// <see cref="SeedReader.Stream"/>); a JSON file is read and validated first. Null with the errors when
    /// there is nothing to read.
    /// </summary>
    public static (ImportStream? Stream, IReadOnlyList<SeedError> Errors) Stream(string folder, IReadOnlyDictionary<string, KnownEntity>? known = null)
    {
        if ((File.Exists(folder) && folder.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) || !Directory.Exists(folder))
        {
            var result = Read(folder, known);
            return result.Dataset is { } dataset ? (ImportStream.Of(dataset), []) : (null, result.Errors);
        }

        return (SeedReader.Stream(ReadFiles(folder), known), []);
    }

    private static Dictionary<string, byte[]> ReadFiles(string folder) => SeedReader.Files.Concat(SeedReader.OptionalFiles)
        .Select(name => Path.Combine(folder, name))
        .Where(File.Exists)
        .ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    public static GraphDataset ReadOrThrow(string folder)
    {
        var result = Read(folder);
        return result.Dataset ?? throw new SeedValidationException(result.Errors);
    }

    /// <summary>
    /// The seed folder shipped with the program (copied next to it at build time), or the repository's
    /// <c>seed/</c> when run from a source tree.
    /// </summary>
    public static string Default
    {
        get
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "seed");
            if (File.Exists(Path.Combine(beside, SeedReader.EntitiesFile)))
            {
                return beside;
            }

            for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "seed");
                if (File.Exists(Path.Combine(candidate, SeedReader.EntitiesFile)))
                {
                    return candidate;
                }
            }

            return beside;
        }
    }
}
