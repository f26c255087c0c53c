using System.CommandLine;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Cli;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using Microsoft.Extensions.Logging.Abstractions;

namespace IndustryGraph.Server.Placements;

/// <summary><c>placements confirm|reject --chain NAME [--link NAME] [--district NAME | --park NAME] [--min-score X] [--dry-run]</c>: decides suggestions in bulk.</summary>
public static class PlacementsCommand
{
    public static Command Build()
    {
        var command = new Command("placements", "Decide suggested placements in bulk: placements confirm or placements reject, with filters; one transaction, an audit entry each (actor cli).");
        foreach (var (name, decision) in new[] { ("confirm", PlacementKind.Confirmed), ("reject", PlacementKind.Rejected) })
        {
            command.Subcommands.Add(Decide(name, decision));
        }

        return command;
    }

    private static Command Decide(string name, PlacementKind decision)
    {
        var chain = new Option<string>("--chain") { Description = "The industry chain: id, key, name or alias.", Required = true };
        var link = new Option<string?>("--link") { Description = "Only this link of the chain." };
        var district = new Option<string?>("--district") { Description = "Only enterprises in this district." };
        var park = new Option<string?>("--park") { Description = "Only enterprises in this park." };
        var minScore = new Option<double?>("--min-score") { Description = "Only suggestions with at least this score (0 to 1)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be decided; change nothing." };
        var storeOptions = new StoreOptions();
        var command = new Command(name, $"{(decision == PlacementKind.Confirmed ? "Confirm" : "Reject")} the SUGGESTED placements that match.") { chain, link, district, park, minScore, dryRun };
        storeOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandLine.WithStoreAsync(storeOptions.Read(parse), async services =>
        {
            var store = await StoreSelection.OpenWithSeedAsync(services, storeOptions.Read(parse), SeedFolder.Default, cancellationToken);
            var snapshot = await new AnalysisIndexProvider(store, NullLogger<AnalysisIndexProvider>.Instance, Microsoft.Extensions.Options.Options.Create(new AnalysisOptions())).GetLatestAsync(cancellationToken);
            var min = parse.GetValue(minScore);
            if (min is { } value && (!double.IsFinite(value) || value is < 0 or > 1))
            {
                await Console.Error.WriteLineAsync($"placements {name}: --min-score must be from 0 to 1, not {value}");
                return 2;
            }

            PlacementFilter filter;
            try
            {
                var index = snapshot.Index;
                var chainId = snapshot.Analysis.ResolveChain(parse.GetValue(chain)!, "--chain");
                int? linkId = parse.GetValue(link) is { } linkReference ? index.ResolveOne(linkReference, EntityKind.ChainLink, "--link") : null;
                if (linkId is { } l && index.ChainOf(l) != chainId)
                {
                    await Console.Error.WriteLineAsync($"placements {name}: --link {index.Entity(l).Name} is not a link of {index.Entity(chainId).Name}");
                    return 2;
                }

                var scope = parse.GetValue(district) is null && parse.GetValue(park) is null
                    ? AnalysisScope.City
                    : ScopeResolver.Resolve(index, parse.GetValue(park), parse.GetValue(district), "--scope");
                filter = new PlacementFilter(new HashSet<PlacementKind> { PlacementKind.Suggested }, chainId, linkId, scope, min);
            }
            catch (AnalysisException exception)
            {
                await Console.Error.WriteLineAsync($"placements {name}: {exception.Message}");
                return 2;
            }

            var matches = PlacementListing.List(snapshot.Analysis, filter, 0, int.MaxValue).Placements;
            if (parse.GetValue(dryRun))
            {
                foreach (var placement in matches)
                {
                    Console.WriteLine($"{placement.Enterprise.Key}\t{placement.Enterprise.Name}\t{placement.Link.Name}\t{placement.Score:0.###}");
                }

                Console.WriteLine($"Dry run: {matches.Count} suggestion(s) would be {(decision == PlacementKind.Confirmed ? "confirmed" : "rejected")}; nothing was changed.");
                return 0;
            }

            if (matches.Count == 0)
            {
                Console.WriteLine("No suggestion matches; nothing was changed.");
                return 0;
            }

            var decisions = matches.Select(placement => new PlacementDecision(placement.Enterprise.Key, placement.Link.Key, decision)).ToList();
            var note = $"placements {name} --chain {parse.GetValue(chain)}{(min is null ? "" : $" --min-score {min}")}";
            var stored = await services.GetRequiredService<IGraphEditor>().DecidePlacementsAsync(decisions, new EditContext("cli", SourceRef.FromCuration(note)), cancellationToken);
            Console.WriteLine($"{(decision == PlacementKind.Confirmed ? "Confirmed" : "Rejected")} {stored.Count} suggestion(s) in {store.Location}.");
            return 0;
        }));
        return command;
    }
}
