using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Access;

namespace IndustryGraph.Server.Tests.Hosting;

/// <summary>Requests with an API key: keys are created in the running server's store, as `keys create` does.</summary>
public static class ApiKeyRequests
{
    public static async Task<string> CreateKeyAsync(this RunningServer server, ApiRole role, string name)
    {
        var key = ApiKeySecrets.NewKey();
        Assert.True(await server.Services.GetRequiredService<IApiKeyStore>().AddKeyAsync(new ApiKey(name, role, DateTimeOffset.UtcNow), ApiKeySecrets.Hash(key)));
        return key;
    }

    public static async Task<GraphQLResponse> PostWithKeyAsync(this RunningServer server, string? key, string query, object? variables = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await server.Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }
}
