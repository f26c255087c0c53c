using System.Globalization;
using IndustryGraph.Domain.Facts;

namespace IndustryGraph.Domain.Register;

/// <summary>One row of a register export, read and checked: what the graph takes from it.</summary>
public sealed record RegisterEntry(
    int Row,
    string CreditCode,
    string Name,
    string Status,
    bool Active,
    string LegalRepresentative,
    string? Founded,
    string CapitalText,
    Quantity? Capital,
    DistrictMatch District,
    string Address,
    IndustryEntry? Industry,
    string BusinessScope,
    double? InsuredStaff,
    string? InsuredStaffYear,
    IReadOnlyList<string> FormerNames);

/// <summary>Reads the cells of one data row (after <see cref="RegisterHeader.Read"/>) into a <see cref="RegisterEntry"/>, reporting what is wrong with it.</summary>
public sealed class RegisterRowReader(RegisterHeader header, IndustryClassification industries, RegisterProblems problems)
{
    /// <summary>The entry, or null when the row has an error (reported) or is empty.</summary>
    public RegisterEntry? Read(int row, IReadOnlyList<string> cells)
    {
        string Cell(RegisterColumn column)
        {
            var at = header.IndexOf(column);
            return at >= 0 && at < cells.Count ? RegisterValues.Storable(cells[at], freeText: column == RegisterColumn.BusinessScope).Trim() : "";
        }

        int ColumnOf(RegisterColumn column) => header.IndexOf(column) + 1;

        if (cells.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var text = problems.Text;
        var name = Cell(RegisterColumn.Name);
        var code = CreditCode.Normalize(Cell(RegisterColumn.CreditCode));
        var ok = true;
        if (name.Length == 0)
        {
            problems.Error(row, ColumnOf(RegisterColumn.Name), text.EmptyName);
            ok = false;
        }

        switch (code.Length == 0 ? (CreditCodeCheck?)null : CreditCode.Check(code))
        {
            case null:
                problems.Error(row, ColumnOf(RegisterColumn.CreditCode), text.EmptyCode);
                ok = false;
                break;
            case CreditCodeCheck.Malformed:
                problems.Error(row, ColumnOf(RegisterColumn.CreditCode), text.MalformedCode(code));
                ok = false;
                break;
            case CreditCodeCheck.WrongCheckDigit:
                problems.Warn(row, ColumnOf(RegisterColumn.CreditCode), text.WrongCheckDigit(code, CreditCode.CheckCharacter(code.AsSpan(0, 17))));
                break;
        }

        if (!ok)
        {
            return null;
        }

        var status = Cell(RegisterColumn.Status);
        var active = RegistrationStatus.IsActive(status);
        if (active is null && status.Length > 0)
        {
            problems.Warn(row, ColumnOf(RegisterColumn.Status), text.UnknownStatus(status));
        }

        var district = ZhengzhouDistricts.Match(Cell(RegisterColumn.Province), Cell(RegisterColumn.City), Cell(RegisterColumn.County), Cell(RegisterColumn.Address));
        var districtColumn = header.Has(RegisterColumn.County) ? ColumnOf(RegisterColumn.County) : 0;
        if (district.OutsideZhengzhou)
        {
            var place = string.Concat(Cell(RegisterColumn.Province), Cell(RegisterColumn.City));
            problems.Warn(row, districtColumn, text.OutsideZhengzhou(place.Length > 0 ? place : Cell(RegisterColumn.Address)));
        }
        else if (district.District is null)
        {
            problems.Warn(row, districtColumn, text.NoDistrict);
        }
        else if (district.District.EntityKey is null)
        {
            problems.Warn(row, districtColumn, text.DistrictNotInGraph(district.District.Name, district.District.Code));
        }

        var industry = industries.Read(Cell(RegisterColumn.IndustrySection), Cell(RegisterColumn.IndustryDivision), Cell(RegisterColumn.IndustryGroup), Cell(RegisterColumn.IndustryClass));
        foreach (var (level, unknownName) in industry.Unknown)
        {
            problems.Warn(row, ColumnOf(RegisterText.ColumnOf(level)), text.UnknownIndustry(level, unknownName));
        }

        if (industry.Conflicting is { } conflicting)
        {
            problems.Warn(row, ColumnOf(RegisterText.ColumnOf(conflicting.Level)), text.ConflictingIndustry(conflicting, industry.Entry!));
        }

        var foundedText = Cell(RegisterColumn.Founded);
        var founded = RegisterValues.ReadDate(foundedText);
        if (founded is null && foundedText.Length > 0 && !RegisterValues.IsBlank(foundedText))
        {
            problems.Warn(row, ColumnOf(RegisterColumn.Founded), text.BadDate(foundedText));
        }

        var capitalText = Cell(RegisterColumn.RegisteredCapital);
        var capital = RegisterValues.ReadCapital(capitalText);
        if (capital is null && capitalText.Length > 0 && !RegisterValues.IsBlank(capitalText))
        {
            problems.Warn(row, ColumnOf(RegisterColumn.RegisteredCapital), text.BadCapital(capitalText));
        }

        var staffText = Cell(RegisterColumn.InsuredStaff);
        double? staff = null;
        if (staffText.Length > 0 && !RegisterValues.IsBlank(staffText))
        {
            staff = RegisterValues.ReadCount(staffText);
            if (staff is null)
            {
                problems.Warn(row, ColumnOf(RegisterColumn.InsuredStaff), text.BadStaff(staffText));
            }
        }

        var yearText = Cell(RegisterColumn.InsuredStaffYear);
        var year = RegisterValues.ReadYear(yearText);
        if (staff is not null && year is null && yearText.Length > 0 && !RegisterValues.IsBlank(yearText))
        {
            problems.Warn(row, ColumnOf(RegisterColumn.InsuredStaffYear), text.BadYear(yearText));
        }

        var formerNames = RegisterValues.SplitNames(Cell(RegisterColumn.FormerNames)).Where(former => former != name).ToList();
        return new RegisterEntry(row, code, name, status, active ?? true, Cell(RegisterColumn.LegalRepresentative), founded, capitalText, capital,
            district, Cell(RegisterColumn.Address), industry.Entry, Cell(RegisterColumn.BusinessScope), staff, year, formerNames);
    }
}

/// <summary>How a register writes dates, amounts, counts and lists.</summary>
public static class RegisterValues
{
    /// <summary>
    /// The text as the store keeps it (<see cref="Graph.StoredText"/>): control characters become spaces; line
    /// breaks (CR LF read as LF) and tabs stay in free text only.
    /// </summary>
    public static string Storable(string text, bool freeText)
    {
        if (Graph.StoredText.ProblemIn(text, freeText) is null)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' && freeText)
            {
                continue;
            }

            var keep = !char.IsControl(c) || (freeText && c is '\n' or '\t');
            builder.Append(keep && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF' ? c : ' ');
        }

        return builder.ToString();
    }

    /// <summary>A cell a register fills when it has nothing ("-", "--", "暂无", "无").</summary>
    public static bool IsBlank(string text) => text.Trim() is "-" or "--" or "—" or "暂无" or "无" or "/" or "null";

    /// <summary>2015-03-04, 2015/3/4, 2015.3.4, 2015年3月4日, 20150304 (a time after it ignored) → 2015-03-04.</summary>
    public static string? ReadDate(string text)
    {
        var value = text.Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            value = value[..space];
        }

        if (value.Length == 8 && value.All(char.IsAsciiDigit))
        {
            value = $"{value[..4]}-{value[4..6]}-{value[6..]}";
        }

        var parts = value.Split(['-', '/', '.', '年', '月', '日'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || year is < 1800 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// 1000万元人民币, 1000万人民币, 500万美元, 1,000.5万元, 3亿元 → the amount in 元 (or 美元, 港元, 欧元, 日元);
    /// a bare number is in 万元, as registers write capital.
    /// </summary>
    public static Quantity? ReadCapital(string text)
    {
        var value = text.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(value[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var rest = value[end..];
        var unit = rest.Contains("美元", StringComparison.Ordinal) ? "美元"
            : rest.Contains("港", StringComparison.Ordinal) ? "港元"
            : rest.Contains("欧元", StringComparison.Ordinal) ? "欧元"
            : rest.Contains("日元", StringComparison.Ordinal) ? "日元"
            : "元";
        var scale = rest.StartsWith('亿') ? 100_000_000d
            : rest.StartsWith('万') || rest.Length == 0 || rest.StartsWith('(') || rest.StartsWith('（') ? 10_000d
            : 1d;
        return new Quantity(Math.Round(number * scale, 2), unit);
    }

    /// <summary>56, 56人 → 56; anything else null.</summary>
    public static double? ReadCount(string text)
    {
        var value = text.Trim().TrimEnd('人').Trim();
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
    }

    /// <summary>2023年报, 2023年度报告, 2023 → 2023.</summary>
    public static string? ReadYear(string text)
    {
        var value = text.Trim();
        return value.Length >= 4 && value[..4].All(char.IsAsciiDigit) && (value.Length == 4 || !char.IsAsciiDigit(value[4])) ? value[..4] : null;
    }

    /// <summary>曾用名 as registers list them: separated by ；, ;, 、, | or line breaks.</summary>
    public static IReadOnlyList<string> SplitNames(string text) =>
        text.Length == 0 || IsBlank(text)
            ? []
            : [.. text.Split(['；', ';', '、', '|', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
