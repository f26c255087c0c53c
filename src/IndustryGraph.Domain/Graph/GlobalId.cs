using System.Buffers.Text;
using System.Text;

namespace IndustryGraph.Domain.Graph;

/// <summary>
/// Opaque API ids. They encode the kind and the dataset key, so they stay the same across restarts and
/// re-imports of the same data, and a client cannot mistake them for names.
/// </summary>
public static class GlobalId
{
    public static string Encode(EntityKind kind, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{kind.ToCode()}:{key}"));

    public static string Encode(Entity entity) => Encode(entity.Kind, entity.Key);

    public static bool TryDecode(string id, out EntityKind kind, out string key)
    {
        kind = default;
        key = "";
        if (string.IsNullOrEmpty(id) || id.Length > 512 || !Base64Url.IsValid(id))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !EntityKindNames.TryParse(text[..colon], out kind))
        {
            return false;
        }

        key = text[(colon + 1)..];
        return key.Length > 0;
    }
}
