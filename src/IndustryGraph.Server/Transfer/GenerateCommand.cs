using System.CommandLine;
using System.Diagnostics;

namespace IndustryGraph.Server.Transfer;

/// <summary><c>generate --size S|M|L --seed N --out DIR</c>: a deterministic synthetic graph in the seed CSV format.</summary>
public static class GenerateCommand
{
    public static Command Build()
    {
        var size = new Option<string>("--size") { Description = "S (2 000 enterprises), M (100 000) or L (1 000 000 enterprises, 5 000 parks, 100 districts, 60 chains of 20 links).", DefaultValueFactory = _ => "S" };
        size.AcceptOnlyFromAmong("S", "M", "L", "s", "m", "l");
        var seed = new Option<int>("--seed") { Description = "The random seed: the same size and seed give the same files.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The folder to write the CSV files to.", Required = true };
        var command = new Command("generate", "Write a deterministic synthetic graph in the seed CSV format, for load and scale work.") { size, seed, output };
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var graphSize = GraphSize.Parse(parse.GetValue(size)!);
            var counts = new GraphGenerator(graphSize, parse.GetValue(seed)).WriteTo(parse.GetValue(output)!);
            Console.WriteLine($"Generated size {graphSize.Name} (seed {parse.GetValue(seed)}) in {parse.GetValue(output)}: {counts.Entities:N0} entities, " +
                $"{counts.ChainLinks:N0} chain links, {counts.Relationships:N0} relationships, {counts.Facts:N0} facts ({counts.Rows:N0} rows) in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });
        return command;
    }
}
