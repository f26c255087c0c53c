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

/// <summary>What a key's name may be: it stands for a person or a program in the audit trail, beside the names the server writes itself.</summary>
public static class ApiKeyNames
{
    public const int MaxLength = 100;

    /// <summary>Names the audit trail uses for changes made without a key: command-line imports and edits.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["cli", "anonymous"];

    /// <summary>Why <paramref name="name"/> cannot name a key, or null.</summary>
    public static string? ProblemIn(string name)
    {
        if (name.Length == 0)
        {
            return "must not be empty";
        }

        if (name.Length > MaxLength)
        {
            return $"is {name.Length} characters long, more than {MaxLength}";
        }

        if (Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return $"'{name}' is reserved (the audit trail records changes made without a key under {string.Join(", ", Reserved)}): pick another name";
        }

        return Graph.StoredText.ProblemIn(name, freeText: false);
    }
}

/// <summary>A key with its stored hash, as moved between stores by <c>migrate</c>; never printed or logged.</summary>
public sealed record StoredApiKey(ApiKey Key, string Hash)
{
    // The hash stays out of ToString, so a stored key in a log or an assertion message shows no hash.
    public override string ToString() => $"{Key.Name} ({Key.Role})";
}

/// <summary>The port for API keys, kept as SHA-256 hashes.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key's hash; false when the name is taken.</summary>
    Task<bool> AddKeyAsync(ApiKey key, string hash, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key with this name; false when there is none.</summary>
    Task<bool> RevokeKeyAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> ListKeysAsync(CancellationToken cancellationToken = default);

    Task<ApiKey?> FindKeyAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Every key with its hash, ordered by name (for <c>migrate</c>).</summary>
    Task<IReadOnlyList<StoredApiKey>> ReadStoredKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes keys as they are, by name, in one transaction: a missing one is added, an existing one takes the given
    /// role, hash and creation time. Writing the same keys again changes nothing.
    /// </summary>
    Task WriteStoredKeysAsync(IReadOnlyCollection<StoredApiKey> keys, CancellationToken cancellationToken = default);
}
