using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Tests.Placements;

/// <summary>The shipped seed's chain links, link profiles and the suggester built from them, read once for every test.</summary>
internal static class ShippedProfiles
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "seed");

    private static readonly Lazy<GraphDataset> LazySeed = new(() =>
        SeedReader.Read(SeedReader.Files.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(Folder, name)))));

    private static readonly Lazy<LinkProfileReadResult> LazyRead = new(() => LinkProfileReader.Read(ProfileBytes, WordBytes, LinkChains));

    private static readonly Lazy<LinkProfileSuggester> LazySuggester = new(() =>
        new LinkProfileSuggester(LazyRead.Value.Set ?? throw new InvalidOperationException(string.Join(Environment.NewLine, LazyRead.Value.Errors))));

    public static byte[] ProfileBytes => File.ReadAllBytes(Path.Combine(Folder, LinkProfileReader.ProfilesFile));

    public static byte[] WordBytes => File.ReadAllBytes(Path.Combine(Folder, LinkProfileReader.WordsFile));

    public static IReadOnlyList<Entity> Links => LazySeed.Value.Entities.Where(entity => entity.Link is not null).ToList();

    public static IReadOnlyDictionary<string, string> LinkChains =>
        LazySeed.Value.Entities.Where(entity => entity.Link is not null).ToDictionary(entity => entity.Key, entity => entity.Link!.ChainKey);

    public static LinkProfileReadResult Read => LazyRead.Value;

    public static LinkProfileSet Set => LazyRead.Value.Set!;

    public static LinkProfileSuggester Suggester => LazySuggester.Value;
}
