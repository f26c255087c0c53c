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
        command.Subcommands.Add(RegisterCommand());
        return command;
    }

    /// <summary><c>generate register --size S|M|L --seed N --out FILE</c>: a synthetic register export (CSV, or XLSX up to M).</summary>
    private static Command RegisterCommand()
    {
        var size = new Option<string>("--size") { Description = "S (1 000 rows), M (100 000) or L (1 000 000).", DefaultValueFactory = _ => "S" };
        size.AcceptOnlyFromAmong("S", "M", "L", "s", "m", "l");
        var seed = new Option<int>("--seed") { Description = "The random seed: the same size and seed give the same file.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The file to write: .xlsx for XLSX (sizes S and M), CSV (UTF-8 with BOM) otherwise.", Required = true };
        var command = new Command("register", "Write a deterministic synthetic enterprise register export (企查查 columns) for import-register.") { size, seed, output };
        command.Validators.Add(result =>
        {
            if (result.GetValue(output) is { } path && path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                && string.Equals(result.GetValue(size), "L", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError("an XLSX register is written up to size M; use a .csv file for L");
            }
        });
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            var path = parse.GetValue(output)!;
            var generator = new Register.RegisterGenerator(
                Register.RegisterGenerator.RowsOf(parse.GetValue(size)!), parse.GetValue(seed),
                Register.RegisterGenerator.ProductWordsOf(Seed.SeedFolder.Default), Register.RegisterIndustries.Load());
            var rows = generator.WriteTo(path);
            Console.WriteLine($"Generated a register of {rows:N0} rows (seed {parse.GetValue(seed)}) in {path} in {clock.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        });
        return command;
    }
}
