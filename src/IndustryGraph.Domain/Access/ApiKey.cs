namespace IndustryGraph.Domain.Access;

/// <summary>What a key may do: readers read (as anyone may), editors also write data, admins also read the audit trail.</summary>
public enum ApiRole
{
    Reader,
    Editor,
    Admin,
}

/// <summary>A stored API key: its name (who, in the audit trail) and role. The key itself is never stored.</summary>
public sealed record ApiKey(string Name, ApiRole Role, DateTimeOffset CreatedAt);

/// <summary>The port for API keys, kept as SHA-256 hashes.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key's hash; false when the name is taken.</summary>
    Task<bool> AddKeyAsync(ApiKey key, string hash, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key with this name; false when there is none.</summary>
    Task<bool> RevokeKeyAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default);

    Task<ApiKey?> FindKeyAsync(string hash, CancellationToken cancellationToken = default);
}
