using System.Diagnostics;
using System.Globalization;
using System.Text;
using IndustryGraph.Server.GraphQL;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.GraphQL;

/// <summary>The real server with a short time limit, so a request that is not bounded shows as a TIMEOUT, not as a hung test.</summary>
public sealed class ShortTimeLimitServer : IAsyncLifetime
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(4);

    public RunningServer Server { get; } = new() { Configure = services => services.Configure<GraphQLLimits>(limits => limits.ExecutionTimeout = TimeLimit) };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Generated hostile documents (a fixed seed, so every run sends the same ones): each is answered within the
/// time limit with coded errors (or data, when it is in fact harmless), and a small query sent alongside keeps
/// answering fast.
/// </summary>
public sealed class HostileDocumentTests(ShortTimeLimitServer fixture) : IClassFixture<ShortTimeLimitServer>
{
    /// <summary>Time limit plus room for a busy machine; an unbounded request takes minutes.</summary>
    private static readonly TimeSpan AnswerBound = ShortTimeLimitServer.TimeLimit + TimeSpan.FromSeconds(4);

    private static readonly HashSet<string> Codes =
    [
        ErrorCodes.BadRequest, ErrorCodes.BadUserInput, ErrorCodes.ParseFailed, ErrorCodes.ValidationFailed, ErrorCodes.QueryTooDeep,
        ErrorCodes.QueryTooComplex, ErrorCodes.ResponseTooLarge, ErrorCodes.QueryLineTooLong, ErrorCodes.TooManyFields, ErrorCodes.TooManyValues, ErrorCodes.PageTooLarge, ErrorCodes.TooManyOperations,
        ErrorCodes.PayloadTooLarge, ErrorCodes.NotFound, ErrorCodes.Timeout,
    ];

    /// <summary>
    /// Documents refused by a bound of their own before the engine's rules run, with the code and the time they
    /// must be answered in (the engine's argument validation took 0.2–4 s for the 60 000-item list, echoing it).
    /// </summary>
    private static readonly Dictionary<string, (string Code, TimeSpan Bound)> Refusals = new(StringComparer.Ordinal)
    {
        ["60000-item list for an Int"] = (ErrorCodes.TooManyValues, TimeSpan.FromSeconds(2)),
        ["60000-item list in a variable default"] = (ErrorCodes.TooManyValues, TimeSpan.FromSeconds(2)),
        ["20000 object fields"] = (ErrorCodes.TooManyValues, TimeSpan.FromSeconds(2)),
    };

    private RunningServer Server => fixture.Server;

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>Name → document, from a fixed seed.</summary>
    public static IEnumerable<(string Name, string Query)> Documents()
    {
        foreach (var count in new[] { 30, 45, 64 })
        {
            var fragments = new StringBuilder($"query {{ ...F{count - 1} }}\nfragment F0 on Query {{ parks(first: 2) {{ nodes {{ name }} }} }}\n");
            for (var i = 1; i < count; i++)
            {
                fragments.Append(CultureInfo.InvariantCulture, $"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}\n");
            }

            yield return ($"fragment fan-out x{count}", fragments.ToString());
        }

        yield return ("250 KB line ending in a syntax error", "{ parks { nodes { name " + Repeat("a ", 120_000) + "!!! } } }");
        yield return ("long line of aliases", "{ " + string.Join(' ', Enumerable.Range(0, 9_000).Select(i => $"a{i}: __typename")) + " }");
        yield return ("20000 repeated fields", "{ " + Repeat("__typename ", 20_000) + "}");
        yield return ("40 KB string literal", "{ search(text: \"" + new string('x', 40_000) + "\") { __typename } }");
        yield return ("unterminated 40 KB string", "{ search(text: \"" + new string('x', 40_000));
        yield return ("1000 aliased schemas", "{ " + string.Join(' ', Enumerable.Range(0, 1_000).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name type {{ name }} }} }} }}")) + " }");
        yield return ("2000 aliased full pages", "{ " + string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"p{i}: parks(first: 100) {{ totalCount }}")) + " }");
        yield return ("5000 nested selections", Repeat("{ parks ", 5_000) + Repeat("} ", 5_000));
        yield return ("5000 nested list values", "{ search(text: " + Repeat("[", 5_000) + "\"a\"" + Repeat("]", 5_000) + ") { __typename } }");
        yield return ("40000 ids", "{ nodes(ids: [" + string.Join(',', Enumerable.Range(0, 40_000).Select(i => $"\"{i}\"")) + "]) { id } }");
        yield return ("60000-item list for an Int", "{ parks(first: [" + string.Join(',', Enumerable.Repeat("1", 60_000)) + "]) { totalCount } }");
        yield return ("60000-item list in a variable default", "query($ids: [ID!] = [" + string.Join(',', Enumerable.Repeat("1", 60_000)) + "]) { nodes(ids: $ids) { id } }");
        yield return ("20000 object fields", "{ search(text: {" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"f{i}: 1")) + "}) { __typename } }");

        var random = new Random(11);
        const string Noise = "{}()[]\"\\#$@!:,.=|\0\u0001\u001b\u00a0\u3000\ufffd\ud800 \n\tab1__éüß郑州";
        var examples = Directory.GetFiles(Path.Combine(Repository.Root, "schema", "examples"), "*.graphql").Order(StringComparer.Ordinal).ToList();
        for (var variant = 0; variant < 40; variant++)
        {
            var text = new StringBuilder(File.ReadAllText(examples[variant % examples.Count]));
            for (var insertions = random.Next(1, 6); insertions > 0; insertions--)
            {
                text.Insert(random.Next(text.Length + 1), Noise[random.Next(Noise.Length)]);
            }

            yield return ($"random bytes in {Path.GetFileName(examples[variant % examples.Count])} #{variant}", text.ToString());
        }
    }

    [Fact]
    public async Task Every_hostile_document_is_answered_in_time_with_a_code_while_a_small_query_stays_fast()
    {
        using var stop = new CancellationTokenSource();
        var smallLatencies = new List<TimeSpan>();
        var small = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                var response = await Server.PostAsync("{ parks(first: 1) { totalCount } }");
                smallLatencies.Add(clock.Elapsed);
                Assert.Null(response.Errors);
                await Task.Delay(50);
            }
        });

        var failures = new List<string>();
        var report = new StringBuilder();
        foreach (var (name, query) in Documents())
        {
            var clock = Stopwatch.StartNew();
            var response = await Server.PostAsync(query);
            var elapsed = clock.Elapsed;
            var codes = response.ErrorCodes.ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"{name}: {elapsed.TotalMilliseconds:0} ms, {response.Status} {string.Join(",", codes.Distinct())}");
            if (elapsed > AnswerBound)
            {
                failures.Add($"{name}: answered in {elapsed.TotalSeconds:0.0} s, more than {AnswerBound.TotalSeconds} s");
            }

            if (response.Body is null || (response.Errors is null && response.Data is null))
            {
                failures.Add($"{name}: HTTP {response.Status} without a GraphQL answer");
            }
            else if (response.Status >= 500 && !codes.Contains(ErrorCodes.Timeout))
            {
                failures.Add($"{name}: HTTP {response.Status}");
            }

            if (Refusals.TryGetValue(name, out var refusal))
            {
                if (!codes.Contains(refusal.Code))
                {
                    failures.Add($"{name}: answered {string.Join(",", codes)}, expected {refusal.Code}");
                }

                if (elapsed > refusal.Bound)
                {
                    failures.Add($"{name}: answered in {elapsed.TotalMilliseconds:0} ms, more than its bound of {refusal.Bound.TotalSeconds} s");
                }
            }

            failures.AddRange(codes.Where(code => !Codes.Contains(code)).Select(code => $"{name}: error code '{code}' (expected one of the documented codes)"));
        }

        await stop.CancelAsync();
        await small;
        Console.WriteLine(report);
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + report);

        // The fan-out and the long line took minutes, and the alias flood seconds and half a gigabyte, before their bounds.
        Assert.True(report.ToString().Contains(ErrorCodes.QueryTooComplex, StringComparison.Ordinal), report.ToString());
        var slowest = smallLatencies.Max();
        Assert.True(slowest < TimeSpan.FromSeconds(3), $"a small query took {slowest.TotalMilliseconds:0} ms alongside the hostile ones");
    }

    [Fact]
    public async Task The_standard_introspection_query_of_GraphiQL_fits_the_default_limits()
    {
        var data = await Server.QueryAsync(IntrospectionQuery);
        Assert.True(data["__schema"]!["types"]!.AsArray().Count > 20);
    }

    private const string IntrospectionQuery = """
        query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
        fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        """;

    [Fact]
    public async Task A_syntax_error_far_along_a_long_line_is_reported_where_it_is_in_the_text_sent()
    {
        var response = await Server.PostAsync("{ parks { nodes { name " + Repeat("a ", 30_000) + "!!! } } }");
        Assert.Equal([ErrorCodes.ParseFailed], response.ErrorCodes);
        var location = response.Errors![0]!["locations"]![0]!;
        Assert.Equal(1, location["line"]!.GetValue<int>());
        Assert.Equal("{ parks { nodes { name ".Length + 60_000 + 1, location["column"]!.GetValue<int>());
    }
}

/// <summary>An answer over MaxResponseBytes is refused with a code: by its estimated size before it runs, or while it is written.</summary>
public sealed class SmallAnswerServer : IAsyncLifetime
{
    public RunningServer Server { get; } = new() { Configure = services => services.Configure<GraphQLLimits>(limits => limits.MaxResponseBytes = 1_000) };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class ResponseSizeTests(SmallAnswerServer fixture) : IClassFixture<SmallAnswerServer>
{
    [Fact]
    public async Task An_answer_estimated_too_large_is_refused_before_it_runs()
    {
        var response = await fixture.Server.PostAsync("{ parks(first: 100) { nodes { name } } }");
        Assert.Equal([ErrorCodes.ResponseTooLarge], response.ErrorCodes);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task An_answer_that_grows_past_the_limit_while_written_is_refused_whole()
    {
        // Few fields (a small estimate), but each description is a long sentence.
        var response = await fixture.Server.PostAsync("""{ __type(name: "Query") { description fields { description } } }""");
        Assert.Equal([ErrorCodes.ResponseTooLarge], response.ErrorCodes);
        Assert.Null(response.Data);
        Assert.Null((await fixture.Server.PostAsync("{ parks(first: 2) { nodes { name } } }")).Errors);
    }
}
