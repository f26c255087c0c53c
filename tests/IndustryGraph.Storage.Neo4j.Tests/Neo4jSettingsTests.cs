namespace IndustryGraph.Storage.Neo4j.Tests;

public sealed class Neo4jSettingsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;

    [Fact]
    public void Basic_credentials_come_from_the_environment_and_never_show_in_text()
    {
        var settings = Neo4jSettings.FromEnvironment("https://neo4j.example.org:7473", "graph", Environment(("NEO4J_USERNAME", "neo4j"), ("NEO4J_PASSWORD", "s3cret-pw")));
        Assert.Equal("Basic", settings.Auth!.Scheme);
        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", settings.Auth.ToString(), StringComparison.Ordinal);
        Assert.Equal("neo4j https://neo4j.example.org:7473 database graph", settings.ToString());
    }

    [Fact]
    public void A_token_means_bearer_auth()
    {
        var settings = Neo4jSettings.FromEnvironment("http://127.0.0.1:7474", "neo4j", Environment(("NEO4J_TOKEN", "tok-123"), ("NEO4J_USERNAME", "ignored")));
        Assert.Equal("Bearer", settings.Auth!.Scheme);
        Assert.Equal("tok-123", settings.Auth.Parameter);
    }

    [Theory]
    [InlineData("bolt://127.0.0.1:7687", "neo4j", "--neo4j-url")]
    [InlineData("not a url", "neo4j", "--neo4j-url")]
    [InlineData("http://127.0.0.1:7474", "bad name!", "--neo4j-database")]
    public void Unusable_options_are_refused_naming_the_option(string url, string database, string option)
    {
        var error = Assert.Throws<Neo4jSettingsException>(() => Neo4jSettings.FromEnvironment(url, database, Environment()));
        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_username_without_a_password_is_refused()
    {
        var error = Assert.Throws<Neo4jSettingsException>(() => Neo4jSettings.FromEnvironment("http://127.0.0.1:7474", "neo4j", Environment(("NEO4J_USERNAME", "neo4j"))));
        Assert.Contains("NEO4J_PASSWORD", error.Message, StringComparison.Ordinal);
    }
}
