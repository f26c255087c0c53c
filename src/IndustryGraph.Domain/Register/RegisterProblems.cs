using IndustryGraph.Domain.Seed;

namespace IndustryGraph.Domain.Register;

/// <summary>
/// The errors and warnings of one register file, each at a row and column as a spreadsheet shows them (row 1 is
/// the header, column 1 is A; column 0 when the problem is the whole row). Errors reject the whole file;
/// warnings are reported and the rows imported.
/// </summary>
public sealed class RegisterProblems(string file, RegisterText text)
{
    /// <summary>Warnings beyond this many are counted, not kept (a million-row file may warn on every row).</summary>
    public const int KeptWarnings = 10_000;

    private readonly List<SeedError> errors = [];
    private readonly List<SeedError> warnings = [];

    public string File { get; } = file;

    public RegisterText Text { get; } = text;

    public IReadOnlyList<SeedError> Errors => errors;

    /// <summary>The first <see cref="KeptWarnings"/> warnings.</summary>
    public IReadOnlyList<SeedError> Warnings => warnings;

    public int WarningCount { get; private set; }

    public bool HasErrors => errors.Count > 0;

    public void Error(int row, int column, string message) => errors.Add(new SeedError(File, row, column, message));

    public void Warn(int row, int column, string message)
    {
        WarningCount++;
        if (warnings.Count < KeptWarnings)
        {
            warnings.Add(new SeedError(File, row, column, message));
        }
    }
}
