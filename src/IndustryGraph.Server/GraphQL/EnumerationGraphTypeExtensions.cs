using GraphQL.Types;

namespace IndustryGraph.Server.GraphQL;

public static class EnumerationGraphTypeExtensions
{
    /// <summary>Gives enum values their descriptions: the schema is a contract, every value says what it means.</summary>
    public static void DescribeValues(this EnumerationGraphType type, params (string Name, string Description)[] values)
    {
        foreach (var (name, description) in values)
        {
            var value = type.Values.FindByName(name) ?? throw new InvalidOperationException($"{type.Name} has no value {name}");
            value.Description = description;
        }
    }
}
