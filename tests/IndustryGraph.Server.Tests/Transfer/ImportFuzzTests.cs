using IndustryGraph.Domain.Seed;
using System.Text;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Transfer;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer;

/// <summary>
/// Random corruptions of a copy of the seed folder (a fixed seed, so each run tries the same ones): the importer
/// never throws, writes nothing when it refuses, and names file:line:column for every problem it reports.
/// </summary>
public sealed class ImportFuzzTests : IDisposable
{
    private const int Cases = 80;

    private static readonly string[] Corruptions =
    [
        "gb18030", "full-width digit", "arabic-indic digit", "control character", "stray quote", "extra comma", "missing comma",
        "duplicate header", "truncated", "400 digits", "random bytes", "swapped headers", "pipe in alias", "formula cell", "bom in the middle",
    ];

    private readonly TestDirectory scratch = new();

    static ImportFuzzTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Dispose();
    }

    private static byte[] Corrupt(Random random, string kind, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        var row = random.Next(1, Math.Max(2, lines.Count - 1));
        string Replace(Func<char, bool> which, Func<char, string> by)
        {
            var positions = Enumerable.Range(0, lines[row].Length).Where(i => which(lines[row][i])).ToList();
            if (positions.Count == 0)
            {
                return lines[row] + by('0');
            }

            var at = positions[random.Next(positions.Count)];
            return lines[row][..at] + by(lines[row][at]) + lines[row][(at + 1)..];
        }

        switch (kind)
        {
            case "gb18030":
                return Encoding.GetEncoding("GB18030").GetBytes(text);
            case "full-width digit":
                lines[row] = Replace(char.IsAsciiDigit, c => ((char)('０' + (c - '0'))).ToString());
                break;
            case "arabic-indic digit":
                lines[row] = Replace(char.IsAsciiDigit, c => ((char)('٠' + (c - '0'))).ToString());
                break;
            case "control character":
                lines[row] = Replace(c => c != ',', c => c + ((char)random.Next(0, 32)).ToString().Replace("\n", "\u0001", StringComparison.Ordinal).Replace("\r", "\u0002", StringComparison.Ordinal));
                break;
            case "stray quote":
                lines[row] = Replace(c => c != ',', c => c + "\"");
                break;
            case "extra comma":
                lines[row] = Replace(c => c == ',', _ => ",,");
                break;
            case "missing comma":
                lines[row] = Replace(c => c == ',', _ => "");
                break;
            case "duplicate header":
                var columns = lines[0].Split(',');
                lines[0] = lines[0] + "," + columns[random.Next(columns.Length)].ToUpperInvariant();
                break;
            case "truncated":
                return bytes[..random.Next(1, bytes.Length)];
            case "400 digits":
                lines[row] = Replace(char.IsAsciiDigit, c => c + new string('9', 400));
                break;
            case "random bytes":
                var noisy = bytes.ToList();
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    noisy.Insert(random.Next(noisy.Count), (byte)random.Next(256));
                }

                return [.. noisy];
            case "swapped headers":
                var names = lines[0].Split(',');
                var (a, b) = (random.Next(names.Length), random.Next(names.Length));
                (names[a], names[b]) = (names[b], names[a]);
                lines[0] = string.Join(',', names);
                break;
            case "pipe in alias":
                lines[row] = Replace(c => c == '|', _ => "\\|\\");
                break;
            case "formula cell":
                lines[row] = Replace(c => c == ',', _ => ",=HYPERLINK(\"http://x\")");
                break;
            case "bom in the middle":
                lines[row] = Replace(c => c != ',', c => c + "\ufeff");
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    [Fact]
    public async Task Corrupted_seed_folders_never_crash_the_importer_never_write_and_always_name_file_line_column()
    {
        var db = Path.Combine(scratch.Path, "graph.db");
        var store = TestStore.Open(db);
        await store.ImportAsync(SeedFolder.ReadOrThrow(SeedFolder.Default), ImportMode.Replace);
        var random = new Random(13);
        // The files an import reads (the seed folder also holds the link profiles and translations, read elsewhere).
        var files = SeedReader.Files.Concat(SeedReader.OptionalFiles).Select(name => Path.Combine(SeedFolder.Default, name)).Where(File.Exists).Order(StringComparer.Ordinal).ToList();
        var (refused, accepted) = (0, 0);
        var failures = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var kind = Corruptions[i % Corruptions.Length];
            var target = files[random.Next(files.Count)];
            var folder = Path.Combine(scratch.Path, $"case-{i}");
            Directory.CreateDirectory(folder);
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                await File.WriteAllBytesAsync(Path.Combine(folder, Path.GetFileName(file)), file == target ? Corrupt(random, kind, bytes) : bytes);
            }

            var name = $"case {i} ({kind} in {Path.GetFileName(target)})";
            var read = SeedFolder.Read(folder, await store.ReadKnownEntitiesAsync());
            failures.AddRange(read.Errors.Where(error => error.Line < 1 || error.Column < 1).Select(error => $"{name}: no line:column in '{error}'"));
            var versionBefore = await store.GetDataVersionAsync();
            var exitCode = await ImportCommand.RunAsync(folder, StoreSettings.Sqlite(db), ImportMode.Merge, dryRun: false, CancellationToken.None);
            var versionAfter = await store.GetDataVersionAsync();
            if (read.Dataset is null)
            {
                refused++;
                if (exitCode != 1 || versionAfter != versionBefore)
                {
                    failures.Add($"{name}: refused with exit code {exitCode}, data version {versionBefore} → {versionAfter}");
                }
            }
            else
            {
                accepted++;
                if (exitCode != 0)
                {
                    failures.Add($"{name}: valid, but the import ended with {exitCode}");
                }
            }
        }

        Console.WriteLine($"{nameof(ImportFuzzTests)}: {Cases} corrupted folders, {refused} refused with positions, {accepted} still valid and imported");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refused > Cases / 2, $"only {refused} of {Cases} corruptions were refused");
    }
}
