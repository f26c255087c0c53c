using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using IndustryGraph.Server.Tests.Hosting;
using IndustryGraph.Server.Workbench;
using Microsoft.AspNetCore.Hosting;

namespace IndustryGraph.Server.Tests.Workbench;

/// <summary>The page's serving and its contract with the API: every operation it sends is valid against schema/schema.graphql.</summary>
public sealed class WorkbenchServingTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static string OperationsFile => Path.Combine(Repository.Root, "src", "IndustryGraph.Server", "Workbench", "src", "api", "operations.graphql");

    [Fact]
    public async Task Every_operation_of_the_page_is_named_and_valid_against_the_committed_schema()
    {
        // The served schema is schema/schema.graphql (SchemaContractTests holds them equal); an SDL-only schema
        // cannot be initialised without resolvers for the Node and Entity interfaces.
        var schema = server.Services.GetRequiredService<ISchema>();
        var text = await File.ReadAllTextAsync(OperationsFile);
        var document = GraphQLParser.Parser.Parse(text);
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, operation => Assert.False(operation.Name is null, "every operation of the page has a name"));
        foreach (var operation in operations)
        {
            var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = document,
                Operation = operation,
                Rules = DocumentValidator.CoreRules,
                Variables = Inputs.Empty,
                Extensions = Inputs.Empty,
                RequestServices = server.Services,
                User = null,
            });
            // Values of variables are the page's business at run time; here only the operations' shape is checked.
            var errors = result.Errors.Where(error => error is not InvalidVariableError).Select(error => error.Message).ToList();
            Assert.True(errors.Count == 0, $"{operation.Name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_and_its_script_next_to_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await server.Http.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, WorkbenchFeature.BundleFolder, "index.html")))
        {
            Assert.Contains("Install Node.js", page, StringComparison.Ordinal);
            return;
        }

        Assert.Contains("/workbench/main.js", page, StringComparison.Ordinal);
        using var script = await server.Http.GetAsync("/workbench/main.js");
        Assert.True(script.IsSuccessStatusCode);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_bundle_the_root_says_what_to_install_instead_of_a_blank_page()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapWorkbench(Path.Combine(Path.GetTempPath(), "industrygraph-no-workbench-" + Guid.NewGuid().ToString("N")));
        await app.StartAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync(app.Urls.First() + "/");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("has not been built", body, StringComparison.Ordinal);
        Assert.Contains("Install Node.js 20", body, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await app.StopAsync();
    }
}
