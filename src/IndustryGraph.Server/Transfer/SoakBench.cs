using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Access;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// <c>bench soak --minutes N</c>: the real server on loopback over a fresh store from the seed, and many clients
/// sending a mix of reads (the example operations), chain analysis, writes (with an editor key) and a trickle of
/// hostile documents, for N minutes. Every minute it prints requests, error codes, p50/p99 latency per kind, and
/// the process's memory (clients included: they run in the same process, so it bounds the server's).
/// </summary>
public static class SoakBench
{
    private enum Kind
    {
        Read,
        Analysis,
        Write,
        Hostile,
    }

    private sealed record Operation(Kind Kind, string Query, JsonNode? Variables);

    public static Command Build()
    {
        var minutes = new Option<double>("--minutes") { Description = "How long to run.", DefaultValueFactory = _ => 10 };
        var clients = new Option<int>("--clients") { Description = "Clients sending at once.", DefaultValueFactory = _ => 16 };
        var command = new Command("soak", "Run the server under mixed load on loopback and print memory and p99 latency every minute.") { minutes, clients };
        command.SetAction((parse, cancellationToken) => RunAsync(TimeSpan.FromMinutes(parse.GetValue(minutes)), parse.GetValue(clients), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(TimeSpan duration, int clientCount, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"industrygraph-soak-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var app = ServerHost.Build(new ServerOptions("http://127.0.0.1:0", Path.Combine(folder, "soak.db"), SeedFolder.Default),
            services => services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Warning));
        await app.StartAsync(cancellationToken);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var key = ApiKeySecrets.NewKey();
            await app.Services.GetRequiredService<IApiKeyStore>().AddKeyAsync(new ApiKey("soak", ApiRole.Editor, DateTimeOffset.UtcNow), ApiKeySecrets.Hash(key), cancellationToken);
            var operations = Operations();
            Console.WriteLine($"soak: {clientCount} clients for {duration.TotalMinutes:0.#} min against {address}graphql; {operations.Count} operations " +
                $"({string.Join(", ", operations.GroupBy(operation => operation.Kind).Select(group => $"{group.Count()} {group.Key.ToString().ToLowerInvariant()}"))})");
            Console.WriteLine("minute  requests  errors(by code)                       p50/p99 ms: read  analysis  write  hostile   memory MB (working set / GC heap)");

            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            var samples = new ConcurrentQueue<(Kind Kind, double Milliseconds, string[] Codes)>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(duration);
            var clients = Enumerable.Range(0, clientCount).Select(client => Task.Run(async () =>
            {
                var random = new Random(client);
                while (!stop.IsCancellationRequested)
                {
                    var operation = Pick(random, operations);
                    var clock = Stopwatch.StartNew();
                    string[] codes;
                    try
                    {
                        codes = await SendAsync(http, operation, operation.Kind == Kind.Write ? key : null, random, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                    catch (HttpRequestException exception)
                    {
                        codes = [$"HTTP:{exception.StatusCode}"];
                    }

                    samples.Enqueue((operation.Kind, clock.Elapsed.TotalMilliseconds, codes));
                }
            })).ToList();

            var started = Stopwatch.StartNew();
            var peakWorkingSet = 0L;
            var all = new List<(Kind Kind, double Milliseconds, string[] Codes)>();
            for (var minute = 1; !stop.IsCancellationRequested; minute++)
            {
                var next = TimeSpan.FromMinutes(minute) - started.Elapsed;
                var sampling = Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero, stop.Token);
                while (!sampling.IsCompleted)
                {
                    peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                    await Task.WhenAny(sampling, Task.Delay(500, CancellationToken.None));
                }

                var window = new List<(Kind Kind, double Milliseconds, string[] Codes)>();
                while (samples.TryDequeue(out var sample))
                {
                    window.Add(sample);
                }

                all.AddRange(window);
                Console.WriteLine(Line($"{minute,6}", window, peakWorkingSet));
            }

            await Task.WhenAll(clients);
            while (samples.TryDequeue(out var sample))
            {
                all.Add(sample);
            }

            Console.WriteLine(Line(" total", all, peakWorkingSet));
            Console.WriteLine($"soak: peak working set {peakWorkingSet / (1024 * 1024)} MB over {started.Elapsed.TotalMinutes:0.0} min; p99 of reads {Percentile(all, Kind.Read, 0.99):0} ms");
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            StoreSelection.ReleaseStoreFiles();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Line(string label, List<(Kind Kind, double Milliseconds, string[] Codes)> window, long peakWorkingSet)
    {
        var codes = window.SelectMany(sample => sample.Codes).GroupBy(code => code).OrderByDescending(group => group.Count()).Select(group => $"{group.Key} {group.Count()}");
        var latencies = string.Join("  ", Enum.GetValues<Kind>().Select(kind => $"{Percentile(window, kind, 0.5):0}/{Percentile(window, kind, 0.99):0}"));
        return $"{label}  {window.Count,8}  {string.Join(", ", codes),-36}  {latencies,-40}  {Environment.WorkingSet / (1024 * 1024)} (peak {peakWorkingSet / (1024 * 1024)}) / {GC.GetTotalMemory(false) / (1024 * 1024)}";
    }

    private static double Percentile(List<(Kind Kind, double Milliseconds, string[] Codes)> samples, Kind kind, double rank)
    {
        var sorted = samples.Where(sample => sample.Kind == kind).Select(sample => sample.Milliseconds).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(rank * sorted.Count))];
    }

    /// <summary>Reads 60%, analysis 25%, writes 12%, hostile 3%.</summary>
    private static Operation Pick(Random random, List<Operation> operations)
    {
        var roll = random.Next(100);
        var kind = roll < 60 ? Kind.Read : roll < 85 ? Kind.Analysis : roll < 97 ? Kind.Write : Kind.Hostile;
        var candidates = operations.Where(operation => operation.Kind == kind).ToList();
        return candidates[random.Next(candidates.Count)];
    }

    private static async Task<string[]> SendAsync(HttpClient http, Operation operation, string? key, Random random, CancellationToken cancellationToken)
    {
        var variables = operation.Kind == Kind.Write
            ? new JsonObject { ["value"] = $"{random.Next(1, 999)}家", ["key"] = $"soak_count_{random.Next(20)}" }
            : operation.Variables?.DeepClone();
        var body = new JsonObject { ["query"] = operation.Query, ["variables"] = variables }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text)?["errors"] is JsonArray errors
                ? errors.Select(error => error?["extensions"]?["code"]?.GetValue<string>() ?? "NO_CODE").ToArray()
                : [];
        }
        catch (JsonException)
        {
            return [$"HTTP {(int)response.StatusCode} not JSON"];
        }
    }

    private static List<Operation> Operations()
    {
        var operations = new List<Operation>();
        var examples = Path.Combine(AppContext.BaseDirectory, "schema", "examples");
        foreach (var file in Directory.GetFiles(examples, "*.graphql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var variablesFile = Path.ChangeExtension(file, ".variables.json");
            var variables = File.Exists(variablesFile) ? JsonNode.Parse(File.ReadAllText(variablesFile)) : null;
            var isAnalysis = new[] { "chain-gaps", "chain-map", "coverage", "what-if", "paths", "upstream", "downstream" }.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
            operations.Add(new Operation(isAnalysis ? Kind.Analysis : Kind.Read, File.ReadAllText(file), variables));
        }

        operations.Add(new Operation(Kind.Write, """
            mutation($key: String!, $value: String!) { addFact(input: { entity: "park-jindai", key: $key, value: $value, asOf: "soak", provenance: { curated: true, note: "soak bench" } }) { key number } }
            """, null));
        operations.Add(new Operation(Kind.Write, """
            mutation($value: String!) { updateFact(input: { entity: "park-jindai", key: "land_area", value: $value, provenance: { curated: true, note: "soak bench" } }) { key } }
            """, null));

        var fanOut = new StringBuilder("query { ...F39 }\nfragment F0 on Query { parks(first: 2) { nodes { name } } }\n");
        for (var i = 1; i < 40; i++)
        {
            fanOut.Append(System.Globalization.CultureInfo.InvariantCulture, $"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}\n");
        }

        operations.Add(new Operation(Kind.Hostile, fanOut.ToString(), null));
        operations.Add(new Operation(Kind.Hostile, "{ " + string.Join(' ', Enumerable.Range(0, 1_000).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name }} }} }}")) + " }", null));
        operations.Add(new Operation(Kind.Hostile, "{ parks { nodes { name " + string.Concat(Enumerable.Repeat("a ", 100_000)) + "!!! } } }", null));
        operations.Add(new Operation(Kind.Hostile, "{ " + string.Concat(Enumerable.Repeat("__typename ", 20_000)) + "}", null));
        return operations;
    }
}
