using System.Security.Cryptography;
using System.Text;

namespace IndustryGraph.Domain.Placements;

/// <summary>What the register says an enterprise does: its name, its GB/T 4754-2017 小类 code (when known) and its business scope (经营范围).</summary>
public sealed record EnterpriseDescription(string Name, string? IndustryCode, string BusinessScope)
{
    /// <summary>The fingerprint a suggestion keeps as its <see cref="PlacementRecord.Basis"/>: it changes when the scope or the code changes.</summary>
    public string Basis
    {
        get
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes((IndustryCode ?? string.Empty) + "\n" + BusinessScope));
            return Convert.ToHexStringLower(bytes.AsSpan(0, 12));
        }
    }
}

/// <summary>A computed placement: the link, how well the enterprise fits it (0..1), and the matches that say so.</summary>
public sealed record PlacementSuggestion(string LinkKey, double Score, IReadOnlyList<PlacementEvidence> Evidence);

/// <summary>Suggests the chain links an enterprise works in, from its description alone. Pure and thread-safe.</summary>
public interface IPlacementSuggester
{
    /// <summary>Every link above the suggest threshold, best first; empty for a holding company, a shell or a business no link profile covers.</summary>
    IReadOnlyList<PlacementSuggestion> Suggest(EnterpriseDescription enterprise);
}
