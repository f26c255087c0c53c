using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IndustryGraph.Server.Access;

/// <summary>New API keys (32 random bytes) and the SHA-256 hash the store keeps instead of the key.</summary>
public static class ApiKeySecrets
{
    public const string Prefix = "igk_";

    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));
}
