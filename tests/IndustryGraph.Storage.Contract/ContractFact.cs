using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IndustryGraph.Storage.Contract;

/// <summary>A condition on a test class: when it is not met, its <see cref="ContractFactAttribute"/> tests show as skipped with the reason.</summary>
public interface ISkipCondition
{
    /// <summary>Null when the tests can run; otherwise why not and what to do.</summary>
    string? SkipReason();
}

/// <summary>
/// On a contract class: its tests run only when these environment variables are set (a server to test
/// against), and otherwise show as skipped with <see cref="Reason"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string reason, params string[] variables) : Attribute, ISkipCondition
{
    public string Reason { get; } = reason;

    public IReadOnlyList<string> Variables { get; } = variables;

    public string? SkipReason()
    {
        var missing = Variables.Where(name => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))).ToList();
        return missing.Count == 0 ? null : $"skipped: {string.Join(", ", missing)} not set — {Reason}";
    }

    internal static string? SkipReasonFor(ITestMethod method) =>
        method.TestClass.Class.ToRuntimeType().GetCustomAttributes(inherit: false).OfType<ISkipCondition>().Select(condition => condition.SkipReason()).FirstOrDefault(reason => reason is not null);
}

/// <summary>On a test class: its tests run only when this path (relative to the repository) exists, such as an installed node_modules.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPathAttribute(string relativePath, string setup) : Attribute, ISkipCondition
{
    public string? SkipReason()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IndustryGraph.sln")))
        {
            directory = directory.Parent;
        }

        return directory is not null && Path.Exists(Path.Combine(directory.FullName, relativePath))
            ? null
            : $"skipped: {relativePath} is missing — run {setup} (tests/run-all.sh does)";
    }
}

/// <summary>A contract test: a fact, skipped with a reason when its concrete class's <see cref="RequiresEnvironmentAttribute"/> is not met.</summary>
[XunitTestCaseDiscoverer("IndustryGraph.Storage.Contract.ContractFactDiscoverer", "IndustryGraph.Storage.Contract")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>A contract theory, skipped like <see cref="ContractFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("IndustryGraph.Storage.Contract.ContractTheoryDiscoverer", "IndustryGraph.Storage.Contract")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractTheoryAttribute : TheoryAttribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        RequiresEnvironmentAttribute.SkipReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class ContractTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        RequiresEnvironmentAttribute.SkipReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}
