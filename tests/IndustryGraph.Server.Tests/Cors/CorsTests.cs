using IndustryGraph.Server.Cors;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Cors;

/// <summary>Allowed origins are a setting: a preflight from one is answered, from any other refused; none by default.</summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string Allowed = "https://planning.example";
    private readonly RunningServer server = new() { CorsOrigins = Allowed + ",http://localhost:5173" };

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_and_its_requests_carry_the_origin()
    {
        using var preflight = await server.Http.SendAsync(Preflight(Allowed));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Allowed, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("content-type", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", Allowed);
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(Allowed, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_preflight_from_any_other_origin_is_refused_and_says_how_to_allow_it()
    {
        using var preflight = await server.Http.SendAsync(Preflight("https://elsewhere.example"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("--cors-origins", await preflight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_origin_is_allowed_by_default_and_the_setting_splits_on_commas()
    {
        Assert.Empty(CorsFeature.AllowedOrigins(""));
        Assert.Equal(["http://b.example:8080", "https://a.example"], CorsFeature.AllowedOrigins(" https://a.example/, http://b.example:8080 ").Order(StringComparer.Ordinal));
    }
}
