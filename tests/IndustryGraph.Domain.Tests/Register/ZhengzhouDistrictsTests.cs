using IndustryGraph.Domain.Register;

namespace IndustryGraph.Domain.Tests.Register;

public sealed class ZhengzhouDistrictsTests
{
    [Theory]
    [InlineData("管城回族区", "d-guancheng")]
    [InlineData("管城区", "d-guancheng")]
    [InlineData("郑州市管城回族区", "d-guancheng")]
    [InlineData("高新技术产业开发区", "d-gaoxin")]
    [InlineData("郑州高新区", "d-gaoxin")]
    [InlineData("高新区", "d-gaoxin")]
    [InlineData("经济技术开发区", "d-jingkai")]
    [InlineData("经开区", "d-jingkai")]
    [InlineData("郑州经济技术开发区", "d-jingkai")]
    [InlineData("航空港区", "d-airport")]
    [InlineData("航空港经济综合实验区", "d-airport")]
    [InlineData("郑州航空港经济综合实验区", "d-airport")]
    [InlineData("郑东新区", "d-zhengdong")]
    [InlineData("金水区", "d-jinshui")]
    [InlineData("中牟县", "d-zhongmu")]
    public void Every_common_way_of_writing_a_district_reads_as_the_seed_entity(string county, string key)
    {
        var match = ZhengzhouDistricts.Match("河南省", "郑州市", county, "");
        Assert.Equal(key, match.District?.EntityKey);
        Assert.False(match.FromAddress);
    }

    [Fact]
    public void The_codes_are_gbt_2260_where_it_has_them()
    {
        Assert.Equal("410104", ZhengzhouDistricts.Match("", "", "管城区", "").District!.Code);
        Assert.Equal("410105", ZhengzhouDistricts.Match("", "", "金水区", "").District!.Code);
        Assert.Null(ZhengzhouDistricts.Match("", "", "郑东新区", "").District!.Code);
        Assert.Equal(ZhengzhouDistricts.All.Count(district => district.Code is not null), ZhengzhouDistricts.All.Where(district => district.Code is not null).Select(district => district.Code).Distinct().Count());
    }

    [Fact]
    public void An_empty_county_falls_back_to_the_address()
    {
        var match = ZhengzhouDistricts.Match("河南省", "郑州市", "", "河南省郑州市高新技术产业开发区科学大道100号");
        Assert.Equal("d-gaoxin", match.District?.EntityKey);
        Assert.True(match.FromAddress);
    }

    [Fact]
    public void A_road_named_like_a_district_is_not_the_district()
    {
        var match = ZhengzhouDistricts.Match("", "", "", "郑州市中原路88号");
        Assert.Null(match.District);
        Assert.False(match.OutsideZhengzhou);
    }

    [Theory]
    [InlineData("河南省", "洛阳市", "涧西区", "")]
    [InlineData("北京市", "北京市", "海淀区", "")]
    [InlineData("", "", "", "洛阳市涧西区建设路1号")]
    public void Rows_outside_zhengzhou_have_no_district(string province, string city, string county, string address)
    {
        var match = ZhengzhouDistricts.Match(province, city, county, address);
        Assert.True(match.OutsideZhengzhou);
        Assert.Null(match.District);
    }

    [Fact]
    public void Zhengzhou_counties_the_graph_lacks_are_found_without_an_entity()
    {
        var match = ZhengzhouDistricts.Match("", "", "", "新郑市龙湖镇1号");
        Assert.Equal("410184", match.District?.Code);
        Assert.Null(match.District?.EntityKey);
        Assert.False(match.OutsideZhengzhou);
    }
}
