using System.Text.RegularExpressions;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Tests.Transfer;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Readme;

/// <summary>
/// The README's "Errors you can act on" example is what `import` prints today: the seed copied to a folder named
/// broken, the rows the README lists appended (file name, then the row), imported by the command as a user runs it.
/// UPDATE_README_ANSWERS=1 rewrites the printed errors, as for <see cref="ReadmeAnswersTests"/>.
/// </summary>
public sealed partial class ReadmeImportErrorsTests : IDisposable
{
    private readonly TestDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [GeneratedRegex(@"<!-- checked: import broken -->\s*```text\n(?<rows>.*?)```\s*```\n(?<errors>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [Fact]
    public async Task The_import_errors_the_readme_prints_are_what_the_import_prints()
    {
        var readmePath = Path.Combine(Repository.Root, "README.md");
        var readme = await File.ReadAllTextAsync(readmePath);
        var example = Example().Match(readme);
        Assert.True(example.Success, "the README's \"Errors you can act on\" marks its example with <!-- checked: import broken -->");

        var folder = Path.Combine(scratch.Path, "broken");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(SeedFolder.Default, "*.csv"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var rows = example.Groups["rows"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var parts = row.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(parts.Length == 2 && File.Exists(Path.Combine(folder, parts[0])), $"README row '{row}' names no seed file");
            await File.AppendAllTextAsync(Path.Combine(folder, parts[0]), parts[1] + "\n");
        }

        var (exitCode, _, errors) = await ImportCommandTests.RunAsync("import", folder, "--db", Path.Combine(scratch.Path, "graph.db"));
        Assert.Equal(1, exitCode);
        var printed = errors.Replace(folder, "broken", StringComparison.Ordinal).Trim() + "\n";
        if (printed != example.Groups["errors"].Value && Environment.GetEnvironmentVariable(ReadmeAnswersTests.UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(readmePath, readme.Replace(example.Value, example.Value.Replace(example.Groups["errors"].Value, printed, StringComparison.Ordinal), StringComparison.Ordinal));
            return;
        }

        Assert.Equal(example.Groups["errors"].Value, printed);
    }
}
