using System.Text;

namespace IndustryGraph.Domain.Seed;

/// <summary>
/// How a value is written into a seed CSV cell and read back, both ways in one place so that export and import
/// stay inverse: lists joined with '|' (a '|' or '\' inside an item escaped with '\'), and cells a spreadsheet
/// would run as a formula (starting with = + - @, tab or CR) prefixed with an apostrophe, which the importer
/// removes again.
/// </summary>
public static class SeedCell
{
    public const char ListSeparator = '|';

    private const char Escape = '\\';

    private const char FormulaGuard = '\'';

    /// <summary>The items of a list cell, unescaped, trimmed, empty ones left out.</summary>
    public static IEnumerable<string> SplitList(string cell)
    {
        if (cell.IndexOf(Escape, StringComparison.Ordinal) < 0)
        {
            foreach (var item in cell.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return item;
            }

            yield break;
        }

        var current = new StringBuilder();
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            if (c == Escape && i + 1 < cell.Length && cell[i + 1] is ListSeparator or Escape)
            {
                current.Append(cell[++i]);
            }
            else if (c == ListSeparator)
            {
                if (current.ToString().Trim() is { Length: > 0 } item)
                {
                    yield return item;
                }

                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    /// <summary>One list cell from items; <see cref="SplitList"/> reads it back item for item.</summary>
    public static string JoinList(IEnumerable<string> items) =>
        string.Join(ListSeparator, items.Select(item => item
            .Replace(Escape.ToString(), $"{Escape}{Escape}", StringComparison.Ordinal)
            .Replace(ListSeparator.ToString(), $"{Escape}{ListSeparator}", StringComparison.Ordinal)));

    /// <summary>A cell a spreadsheet shows as text: an apostrophe before one it would take for a formula.</summary>
    public static string ForSpreadsheet(string cell) => NeedsGuard(cell) ? FormulaGuard + cell : cell;

    /// <summary>The value behind a cell written by <see cref="ForSpreadsheet"/>.</summary>
    public static string FromSpreadsheet(string cell) =>
        cell.Length > 1 && cell[0] == FormulaGuard && (IsFormulaStart(cell[1]) || cell[1] == FormulaGuard) ? cell[1..] : cell;

    // An apostrophe already followed by what the guard protects is guarded too, so that reading back is exact.
    private static bool NeedsGuard(string cell) =>
        cell.Length > 0 && (IsFormulaStart(cell[0]) || (cell.Length > 1 && cell[0] == FormulaGuard && (IsFormulaStart(cell[1]) || cell[1] == FormulaGuard)));

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
