using System.Globalization;
using System.Text.RegularExpressions;

namespace IndustryGraph.Domain.Facts;

/// <summary>A figure read from text as an article writes it: 约6亿元, 7.6万平方米, 5.3平方公里, 32%, 180余家.</summary>
public readonly record struct Quantity(double Number, string? Unit)
{
    /// <summary>Largest magnitude stored: beyond 2^53 a double no longer holds every whole number exactly.</summary>
    public const double MaxMagnitude = 9_007_199_254_740_992d;

    /// <summary>Most significant digits read: a double keeps 15 faithfully.</summary>
    public const int MaxSignificantDigits = 15;

    private static readonly Regex Pattern = new(
        @"^(?<prefix>约|近|超过|超|逾|突破|达到|达|不低于|不少于|累计|共|总计|合计)?\s*" +
        @"(?<digits>[+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)?\s*(?<mult>[十百千万亿]*)\s*" +
        @"(?<approx>余|多|以上|左右|以内|以下)?\s*(?<unit>[^0-9\s].*?)?\s*(?<suffix>以上|左右|以内|以下|余)?$",
        RegexOptions.CultureInvariant);

    /// <summary>Reads a quantity, or returns false when the text holds no single figure, or one that cannot be stored faithfully.</summary>
    public static bool TryParse(string text, out Quantity quantity) => TryParse(text, out quantity, out _);

    /// <summary>
    /// Reads a quantity. Full-width digits (１２３万元) read as ASCII ones; any other script's digits (Arabic-Indic,
    /// Devanagari, ...) and numbers a double cannot hold exactly are refused with <paramref name="problem"/> set,
    /// never read as something else.
    /// </summary>
    public static bool TryParse(string text, out Quantity quantity, out string? problem)
    {
        quantity = default;
        var trimmed = NormalizeDigits(text.Trim(), out problem);
        if (trimmed.Length == 0 || problem is not null)
        {
            return false;
        }

        var match = Pattern.Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        var digits = match.Groups["digits"].Value;
        var multiplier = match.Groups["mult"].Value;
        if (digits.Length == 0 && multiplier.Length == 0)
        {
            return false;
        }

        var plainDigits = digits.Replace(",", "", StringComparison.Ordinal);
        if (plainDigits.Count(char.IsAsciiDigit) - plainDigits.TrimStart('+', '-').TakeWhile(c => c is '0' or '.').Count(c => c == '0') > MaxSignificantDigits)
        {
            problem = $"'{digits}' has more than {MaxSignificantDigits} significant digits, more than a figure holds exactly";
            return false;
        }

        var number = digits.Length == 0 ? 1d : double.Parse(plainDigits, CultureInfo.InvariantCulture);
        foreach (var unitChar in multiplier)
        {
            number *= unitChar switch
            {
                '十' => 10,
                '百' => 100,
                '千' => 1_000,
                '万' => 10_000,
                '亿' => 100_000_000,
                _ => 1,
            };
        }

        if (ProblemIn(number) is { } tooLarge)
        {
            problem = tooLarge;
            return false;
        }

        var unit = match.Groups["unit"].Value.Trim();
        if (unit.Length > 0 && unit.Any(IsNotUnit))
        {
            // A label that starts with a figure (5A甲级, 3+N, 千企万户, 百日取四证) is not a quantity.
            return false;
        }

        if (IsDateOrNumbering(unit, digits, multiplier))
        {
            return false;
        }

        // 84.6亿 multiplies to 8459999999.999999 in binary; 15 significant digits are what the text held.
        quantity = new Quantity(double.Parse(number.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), unit.Length == 0 ? null : unit);
        return true;
    }

    /// <summary>
    /// A day, month, hour or year (5日, 25号, 3月, 2025年) or a number used as a name (8号楼, 3号线) is written like a
    /// figure but counts nothing. 个月, 天, 年 after a small number (17个月, 3年) are durations and stay quantities.
    /// </summary>
    private static bool IsDateOrNumbering(string unit, string digits, string multiplier) =>
        unit is "日" or "号" or "月" or "时"
        || unit.StartsWith('号')
        || (unit == "年" && multiplier.Length == 0 && digits.Length == 4 && !digits.Contains('.', StringComparison.Ordinal));

    private static bool IsNotUnit(char c) => char.IsDigit(c) || char.IsAsciiLetter(c) || c == '+' || "零一二三四五六七八九十百千万亿两".Contains(c, StringComparison.Ordinal);

    /// <summary>Reads a plain number as a spreadsheet writes it (1234.5, 1,234.5, -3), or returns false.</summary>
    public static bool TryParsePlain(string text, out double number) => TryParsePlain(text, out number, out _);

    /// <summary>Reads a plain number; full-width digits read as ASCII, other digits and numbers out of range are refused with <paramref name="problem"/>.</summary>
    public static bool TryParsePlain(string text, out double number, out string? problem)
    {
        number = 0;
        var normalized = NormalizeDigits(text.Trim(), out problem).Replace(",", "", StringComparison.Ordinal);
        if (problem is not null || !double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        problem = ProblemIn(number);
        return problem is null;
    }

    /// <summary>Why a number cannot be stored faithfully (not finite, or beyond <see cref="MaxMagnitude"/>), or null.</summary>
    public static string? ProblemIn(double number) =>
        !double.IsFinite(number) || Math.Abs(number) > MaxMagnitude
            ? $"the number is out of range: a figure is at most {MaxMagnitude:0} in size"
            : null;

    /// <summary>Full-width digits and signs as ASCII; a digit of another script sets <paramref name="problem"/>.</summary>
    private static string NormalizeDigits(string text, out string? problem)
    {
        problem = null;
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            chars[i] = c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' => '.',
                '，' => ',',
                '＋' => '+',
                '－' => '-',
                _ => c,
            };
            if (!char.IsAscii(chars[i]) && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber)
            {
                problem = $"'{c}' (U+{(int)c:X4}) is a digit this reader does not read: write the digits 0-9";
                break;
            }
        }

        return new string(chars);
    }
}
