namespace IndustryGraph.Domain.Register;

/// <summary>
/// A county-level place of Zhengzhou: its code (GB/T 2260 for districts, counties and cities; the statistical
/// division code 41017x for the three national zones, which GB/T 2260 does not list; none for 郑东新区, which
/// statistics count under its neighbours), its official name, the seed's district entity when the graph has
/// one, and the ways registers and addresses write it.
/// </summary>
public sealed record ZhengzhouDistrict(string? Code, string Name, string? EntityKey, IReadOnlyList<string> Names, IReadOnlyList<string> AddressNames);

/// <summary>Where a register row's enterprise is: a district of Zhengzhou, outside the city, or unknown.</summary>
public sealed record DistrictMatch(ZhengzhouDistrict? District, bool OutsideZhengzhou, bool FromAddress);

/// <summary>Reads 所属省份/所属城市/所属区县, and the address when those say nothing, to a district of Zhengzhou.</summary>
public static class ZhengzhouDistricts
{
    public const string CityCode = "410100";

    public static readonly IReadOnlyList<ZhengzhouDistrict> All =
    [
        new("410102", "中原区", "d-zhongyuan", ["中原区"], ["中原区"]),
        new("410103", "二七区", "d-erqi", ["二七区"], ["二七区"]),
        new("410104", "管城回族区", "d-guancheng", ["管城回族区", "管城区", "管城"], ["管城回族区", "管城区"]),
        new("410105", "金水区", "d-jinshui", ["金水区", "金水"], ["金水区"]),
        new("410106", "上街区", null, ["上街区", "上街"], ["上街区"]),
        new("410108", "惠济区", "d-huiji", ["惠济区", "惠济"], ["惠济区"]),
        new("410122", "中牟县", "d-zhongmu", ["中牟县", "中牟"], ["中牟县"]),
        new("410171", "郑州经济技术开发区", "d-jingkai",
            ["郑州经济技术开发区", "经济技术开发区", "郑州经开区", "经开区", "郑州经济开发区", "经济开发区", "经开"],
            ["郑州经济技术开发区", "经济技术开发区", "郑州经开区", "经开区", "经开第"]),
        new("410172", "郑州高新技术产业开发区", "d-gaoxin",
            ["郑州高新技术产业开发区", "高新技术产业开发区", "郑州高新技术开发区", "高新技术开发区", "郑州高新区", "高新区", "高新"],
            ["郑州高新技术产业开发区", "高新技术产业开发区", "高新技术开发区", "郑州高新区", "高新区"]),
        new("410173", "郑州航空港经济综合实验区", "d-airport",
            ["郑州航空港经济综合实验区", "航空港经济综合实验区", "郑州航空港区", "航空港区", "航空港实验区", "航空港", "港区"],
            ["郑州航空港经济综合实验区", "航空港经济综合实验区", "郑州航空港区", "航空港区", "航空港实验区"]),
        new(null, "郑东新区", "d-zhengdong", ["郑州郑东新区", "郑东新区", "郑东"], ["郑东新区", "自贸试验区郑州片区（郑东）", "自贸试验区郑州片区(郑东)"]),
        new("410181", "巩义市", null, ["巩义市", "巩义"], ["巩义市"]),
        new("410182", "荥阳市", null, ["荥阳市", "荥阳"], ["荥阳市"]),
        new("410183", "新密市", null, ["新密市", "新密"], ["新密市"]),
        new("410184", "新郑市", null, ["新郑市", "新郑"], ["新郑市"]),
        new("410185", "登封市", null, ["登封市", "登封"], ["登封市"]),
    ];

    // Longest first, so 郑州高新技术产业开发区 is tried before 高新区 and 管城回族区 before 管城.
    private static readonly (string Text, ZhengzhouDistrict District)[] ByName =
        [.. All.SelectMany(district => district.Names.Select(name => (name, district))).OrderByDescending(entry => entry.name.Length)];

    private static readonly (string Text, ZhengzhouDistrict District)[] ByAddressName =
        [.. All.SelectMany(district => district.AddressNames.Select(name => (name, district))).OrderByDescending(entry => entry.name.Length)];

    /// <summary>The district of a register row; <see cref="DistrictMatch.District"/> is null when none is found or the row is outside the city.</summary>
    public static DistrictMatch Match(string province, string city, string county, string address)
    {
        var provinceText = Compact(province);
        var cityText = Compact(city);
        if ((provinceText.Length > 0 && !provinceText.StartsWith("河南", StringComparison.Ordinal))
            || (cityText.Length > 0 && !cityText.StartsWith("郑州", StringComparison.Ordinal)))
        {
            return new DistrictMatch(null, OutsideZhengzhou: true, FromAddress: false);
        }

        var countyText = WithoutCity(Compact(county));
        if (countyText.Length > 0 && Find(ByName, countyText, whole: true) is { } named)
        {
            return new DistrictMatch(named, false, false);
        }

        var addressText = Compact(address);
        // An address naming another city first (洛阳市..., 北京市...) is not Zhengzhou's, when the columns did not say.
        if (cityText.Length == 0 && countyText.Length == 0 && NamesAnotherCity(addressText))
        {
            return new DistrictMatch(null, OutsideZhengzhou: true, FromAddress: true);
        }

        if (countyText.Length > 0 && Find(ByName, countyText, whole: false) is { } contained)
        {
            return new DistrictMatch(contained, false, false);
        }

        return Find(ByAddressName, addressText, whole: false) is { } fromAddress
            ? new DistrictMatch(fromAddress, false, FromAddress: true)
            : new DistrictMatch(null, false, FromAddress: false);
    }

    private static ZhengzhouDistrict? Find((string Text, ZhengzhouDistrict District)[] names, string text, bool whole)
    {
        foreach (var (name, district) in names)
        {
            if (whole ? text == name : text.Contains(name, StringComparison.Ordinal))
            {
                return district;
            }
        }

        return null;
    }

    private static string Compact(string text) =>
        text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);

    /// <summary>所属区县 written with its province and city (河南省郑州市金水区) reads as the district alone.</summary>
    private static string WithoutCity(string county)
    {
        var text = county;
        foreach (var prefix in (string[])["河南省", "河南", "郑州市", "郑州"])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length)
            {
                text = text[prefix.Length..];
            }
        }

        return text;
    }

    private static bool NamesAnotherCity(string address)
    {
        var text = address.StartsWith("河南省", StringComparison.Ordinal) ? address[3..] : address;
        if (text.StartsWith("郑州", StringComparison.Ordinal))
        {
            return false;
        }

        var city = text.IndexOf('市', StringComparison.Ordinal);
        // 巩义市, 新郑市 ... are county-level cities of Zhengzhou, written without 郑州市 in front.
        return city is > 0 and <= 4 && !All.Any(district => text.StartsWith(district.Name, StringComparison.Ordinal));
    }
}
