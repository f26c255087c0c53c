using System.Globalization;
using System.Text.RegularExpressions;

namespace IndustryGraph.Domain.Facts;

/// <summary>A figure read from text as an article writes it: 约6亿元, 7.6万平方米, 5.3平方公里, 32%, 180余家.</summary>
public readonly record struct Quantity(double Number, string? Unit)
{
    private static readonly Regex Pattern = new(
        @"^(?<prefix>约|近|超过|超|逾|突破|达到|达|不低于|不少于|累计|共|总计|合计)?\s*" +
        @"(?<digits>[+-]?\d+(?:,\d{3})*(?:\.\d+)?)?\s*(?<mult>[十百千万亿]*)\s*" +
        @"(?<approx>余|多|以上|左右|以内|以下)?\s*(?<unit>[^\d\s].*?)?\s*(?<suffix>以上|左右|以内|以下|余)?$",
        RegexOptions.CultureInvariant);

    /// <summary>Reads a quantity, or returns false when the text holds no single figure.</summary>
    public static bool TryParse(string text, out Quantity quantity)
    {
        quantity = default;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
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

        var number = digits.Length == 0 ? 1d : double.Parse(digits.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
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

    /// <summary>Reads a plain number as a spreadsheet writes it (1234.5, 1,234.5, -3).</summary>
    public static bool TryParsePlain(string text, out double number) =>
        double.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
        && double.IsFinite(number);
}
