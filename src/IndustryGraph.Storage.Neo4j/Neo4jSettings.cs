namespace IndustryGraph.Storage.Neo4j;

/// <summary>
/// Where the Neo4j store is and how to sign in. Credentials come only from the environment
/// (<c>NEO4J_USERNAME</c>/<c>NEO4J_PASSWORD</c> for basic auth, or <c>NEO4J_TOKEN</c> for bearer auth) and never
/// appear in <see cref="ToString"/>, logs or messages.
/// </summary>
public sealed class Neo4jSettings
{
    public const string UsernameVariable = "NEO4J_USERNAME";
    public const string PasswordVariable = "NEO4J_PASSWORD";
    public const string TokenVariable = "NEO4J_TOKEN";

    public Neo4jSettings(Uri url, string database, Neo4jAuth? auth = null)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new Neo4jSettingsException($"--neo4j-url: '{url}' is not an http:// or https:// address of a Neo4j server (the Query API port, 7474 or 7473 by default)");
        }

        if (string.IsNullOrWhiteSpace(database) || database.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')))
        {
            throw new Neo4jSettingsException($"--neo4j-database: '{database}' is not a Neo4j database name (letters, digits, '.', '-', '_')");
        }

        Url = url;
        Database = database;
        Auth = auth;
    }

    public Uri Url { get; }

    public string Database { get; }

    public Neo4jAuth? Auth { get; }

    /// <summary>Rows (entities, relationships, facts) per write request of an import or migration.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>Reads the credentials from the environment; both basic variables, or the token, or none (a server without auth).</summary>
    public static Neo4jSettings FromEnvironment(string url, string database, Func<string, string?> environment)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address))
        {
            throw new Neo4jSettingsException($"--neo4j-url: '{url}' is not an absolute address (for example https://neo4j.example.org:7473)");
        }

        var token = environment(TokenVariable);
        var username = environment(UsernameVariable);
        var password = environment(PasswordVariable);
        Neo4jAuth? auth = null;
        if (!string.IsNullOrEmpty(token))
        {
            auth = Neo4jAuth.Bearer(token);
        }
        else if (!string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password))
        {
            if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            {
                throw new Neo4jSettingsException($"set both {UsernameVariable} and {PasswordVariable} (basic auth), or {TokenVariable} (bearer auth)");
            }

            auth = Neo4jAuth.Basic(username, password);
        }

        return new Neo4jSettings(address, database, auth);
    }

    public override string ToString() => $"neo4j {Url.GetLeftPart(UriPartial.Authority)} database {Database}";
}

/// <summary>The Authorization header's scheme and parameter; printed without the secret.</summary>
public sealed class Neo4jAuth
{
    private Neo4jAuth(string scheme, string parameter) => (Scheme, Parameter) = (scheme, parameter);

    public string Scheme { get; }

    internal string Parameter { get; }

    public static Neo4jAuth Basic(string username, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password}")));

    public static Neo4jAuth Bearer(string token) => new("Bearer", token);

    public override string ToString() => $"{Scheme} (secret not shown)";
}

/// <summary>A Neo4j option or credential that cannot work; the message names which.</summary>
public sealed class Neo4jSettingsException(string message) : Exception(message);
