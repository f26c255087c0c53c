using System.Text;
using IndustryGraph.Server.Analysis;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Analysis;

/// <summary>References that cost the server work without naming anything: refused at once, or bounded per request.</summary>
public sealed class HostileReferencesTests(RunningServer server) : IClassFixture<RunningServer>
{
    [Fact]
    public async Task A_reference_longer_than_any_name_is_refused_before_any_look_up()
    {
        var random = new Random(24);
        var text = new StringBuilder();
        while (text.Length < 80_000)
        {
            text.Append((char)random.Next('a', 'z' + 1));
        }

        var response = await server.PostAsync("query($of: String!) { upstream(of: $of) { distance } }", new { of = text.ToString() });

        Assert.Equal("BAD_USER_INPUT", Assert.Single(response.ErrorCodes));
        Assert.Contains("80000 characters long, longer than any name", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scope_name_longer_than_any_name_is_refused_in_Chinese_for_a_Chinese_request()
    {
        var response = await server.PostAsync("query($park: String!) { chainGaps(chain: \"智能传感器\", scope: { park: $park }) { status } }",
            new { park = new string('园', 5_000) }, acceptLanguage: "zh-CN");

        Assert.Equal("BAD_USER_INPUT", Assert.Single(response.ErrorCodes));
        Assert.Contains("参数 scope.park 有 5000 个字符", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_that_fit_nothing_are_looked_up_only_up_to_the_budget_of_one_request()
    {
        const int aliases = 100;
        var random = new Random(8);
        var names = Enumerable.Range(0, aliases).Select(_ => new string(Enumerable.Range(0, 8).Select(_ => (char)random.Next('q', 'z')).ToArray())).ToList();
        var document = "{ " + string.Join(" ", names.Select((name, at) => $"a{at}: upstream(of: \"{name}\") {{ distance }}")) + " }";

        var response = await server.PostAsync(document);

        var codes = response.ErrorCodes.ToList();
        Assert.Equal(aliases, codes.Count);
        Assert.Equal(UnknownNameBudget.PerRequest, codes.Count(code => code == "NOT_FOUND"));
        Assert.Equal(aliases - UnknownNameBudget.PerRequest, codes.Count(code => code == "BAD_USER_INPUT"));
        Assert.Contains(response.Errors!, error => error!["message"]!.GetValue<string>().Contains("the rest are not looked up", StringComparison.Ordinal));

        // The budget is the request's: the next request looks its names up again.
        var next = await server.PostAsync($"{{ upstream(of: \"{names[0]}\") {{ distance }} }}");
        Assert.Equal("NOT_FOUND", Assert.Single(next.ErrorCodes));
    }
}
