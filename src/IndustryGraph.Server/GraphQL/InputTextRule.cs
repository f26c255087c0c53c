using System.Collections;
using GraphQL.Validation;
using IndustryGraph.Domain.Facts;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// Every argument of every field, from literals and variables alike, holds only what the store keeps faithfully
/// (<see cref="StoredText"/>; numbers finite and in range; a fact's value with digits the reader reads). Each
/// problem is its own BAD_USER_INPUT error naming the argument's path, so one answer lists them all.
/// </summary>
public sealed class InputTextRule : ValidationRuleBase, IRequestDependentRule
{
    public bool DependsOnVariables => true;

    public bool DependsOnMethodOrCaller => false;

    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.ArgumentValues is not { } fields)
        {
            return default;
        }

        foreach (var (field, arguments) in fields)
        {
            foreach (var (name, argument) in arguments)
            {
                foreach (var problem in ProblemsIn($"{field.Name.StringValue}.{name}", name, argument.Value))
                {
                    context.ReportError(new ValidationError(problem) { Code = ErrorCodes.BadUserInput });
                }
            }
        }

        return default;
    }

    private static IEnumerable<string> ProblemsIn(string path, string name, object? value)
    {
        switch (value)
        {
            case string text:
                if (StoredText.ProblemIn(name, text) is { } textProblem)
                {
                    yield return $"{path}: {textProblem}";
                }
                else if (name == "value" && !Quantity.TryParse(text, out _, out var figureProblem) && figureProblem is not null)
                {
                    yield return $"{path}: the figure in '{text}' cannot be read: {figureProblem}";
                }

                break;
            case double or float or decimal:
                if (Quantity.ProblemIn(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) is { } numberProblem)
                {
                    yield return $"{path}: {numberProblem}";
                }

                break;
            case IDictionary<string, object?> map:
                foreach (var (key, item) in map)
                {
                    foreach (var problem in ProblemsIn($"{path}.{key}", key, item))
                    {
                        yield return problem;
                    }
                }

                break;
            case IEnumerable list when value is not IDictionary<string, object?>:
                var index = 0;
                foreach (var item in list)
                {
                    foreach (var problem in ProblemsIn($"{path}[{index}]", name, item))
                    {
                        yield return problem;
                    }

                    index++;
                }

                break;
            case not null when value.GetType() is { IsPrimitive: false, IsEnum: false } type && type.Namespace?.StartsWith("IndustryGraph", StringComparison.Ordinal) == true:
                // An input object already read into its class (CreateEntityInput, ProvenanceInput, ...).
                foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0))
                {
                    var key = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                    foreach (var problem in ProblemsIn($"{path}.{key}", key, property.GetValue(value)))
                    {
                        yield return problem;
                    }
                }

                break;
        }
    }
}
