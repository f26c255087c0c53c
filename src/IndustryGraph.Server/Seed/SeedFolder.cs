using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Server.Seed;

/// <summary>Reads a folder in the seed format into a validated dataset.</summary>
public static class SeedFolder
{
    public static SeedReadResult Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new SeedReadResult(null, [new SeedError(folder, 0, 0, "no such folder")]);
        }

        var files = SeedReader.Files
            .Select(name => Path.Combine(folder, name))
            .Where(File.Exists)
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
        return SeedReader.TryRead(files);
    }

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
