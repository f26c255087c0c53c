using IndustryGraph.Domain.Placements;
using IndustryGraph.Server.Seed;

namespace IndustryGraph.Server.Placements;

public static class PlacementSuggesterFeature
{
    /// <summary>
    /// The suggester built from the link profiles of the seed folder, once, on first use (the register import
    /// asks for it); profiles that do not read are an error naming file, line and column.
    /// </summary>
    public static IServiceCollection AddPlacementSuggester(this IServiceCollection services, string? seedFolder = null)
    {
        services.AddSingleton<IPlacementSuggester>(_ =>
        {
            var folder = seedFolder ?? SeedFolder.Default;
            var read = LinkProfileFiles.Read(folder);
            return read.Set is { } set
                ? new LinkProfileSuggester(set)
                : throw new InvalidOperationException($"the link profiles in {folder} cannot be read: {string.Join("; ", read.Errors.Take(5))}");
        });
        return services;
    }
}
