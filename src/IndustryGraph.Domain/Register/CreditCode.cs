namespace IndustryGraph.Domain.Register;

/// <summary>How a text reads as a unified social credit code (统一社会信用代码, GB 32100-2015).</summary>
public enum CreditCodeCheck
{
    Valid,

    /// <summary>Well formed, but the 18th character is not the check character of the first 17 (legal on some early pilot codes).</summary>
    WrongCheckDigit,

    /// <summary>Not 18 characters of the code's alphabet.</summary>
    Malformed,
}

/// <summary>
/// GB 32100-2015: 18 characters from the 31 of <see cref="Alphabet"/> (digits and capitals without I, O, S, V, Z);
/// the last is a check character over the first 17, weighted by 3^(i-1) mod 31.
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public const int Length = 18;

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The code as it is keyed: spaces dropped, full-width characters and lower case read as ASCII capitals.</summary>
    public static string Normalize(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var raw in text)
        {
            if (char.IsWhiteSpace(raw) || raw == '\u3000')
            {
                continue;
            }

            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (length == buffer.Length)
            {
                return text.Trim();
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..length]);
    }

    /// <summary>Checks a normalized code (see <see cref="Normalize"/>).</summary>
    public static CreditCodeCheck Check(string code)
    {
        if (!IsWellFormed(code))
        {
            return CreditCodeCheck.Malformed;
        }

        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? CreditCodeCheck.Valid : CreditCodeCheck.WrongCheckDigit;
    }

    /// <summary>18 characters of the alphabet (the check character not checked): what an enterprise key from the register may be.</summary>
    public static bool IsWellFormed(string code)
    {
        if (code.Length != Length)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The check character of the first 17 characters of a code.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("the check character is computed over 17 characters", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a character of a credit code", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The first character that is not in the alphabet, or null.</summary>
    public static char? FirstForeignCharacter(string code)
    {
        foreach (var c in code)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return c;
            }
        }

        return null;
    }
}
