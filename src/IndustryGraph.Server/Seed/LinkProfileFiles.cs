using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Server.Seed;

/// <summary>Reads the link profiles and the placement word list of a seed folder (see seed/README.md).</summary>
public static class LinkProfileFiles
{
    /// <param name="folder">A seed folder: <c>link_profiles.csv</c> and <c>reference/placement_words.csv</c> under it.</param>
    /// <param name="linkChains">Every chain link's key → its chain, to check the profiles against the links; null to skip.</param>
    public static LinkProfileReadResult Read(string folder, IReadOnlyDictionary<string, string>? linkChains = null)
    {
        var profiles = Path.Combine(folder, LinkProfileReader.ProfilesFile);
        var words = Path.Combine(folder, LinkProfileReader.WordsFile);
        var missing = new[] { profiles, words }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            return new LinkProfileReadResult(null, [.. missing.Select(path => new Domain.Seed.SeedError(path, 0, 0, "the file is missing: link profiles need both link_profiles.csv and reference/placement_words.csv"))]);
        }

        return LinkProfileReader.Read(File.ReadAllBytes(profiles), File.ReadAllBytes(words), linkChains);
    }
}
