namespace IndustryGraph.Domain.Seed;

/// <summary>A problem in a seed file, at a 1-based line and column (0 when the problem is the whole file).</summary>
public sealed record SeedError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

public sealed class SeedValidationException(IReadOnlyList<SeedError> errors)
    : Exception($"{errors.Count} problem(s) in the seed data:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<SeedError> Errors { get; } = errors;
}
