using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Register;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Domain.Tests.Register;

public sealed class RegisterMappingTests
{
    private const string Code = "91350100M000100Y43";

    private static RegisterEntry Entry(int row = 2, string status = "存续", double? staff = 50, string? year = "2023", string name = "郑州甲传感科技有限公司", IReadOnlyList<string>? formerNames = null) =>
        new(row, Code, name, status, RegistrationStatus.IsActive(status) ?? true, "张三", "2015-03-04", "1000万元人民币", new Domain.Facts.Quantity(10_000_000, "元"),
            ZhengzhouDistricts.Match("", "", "管城区", ""), "郑州市管城区某路1号", IndustryClassificationTests.Shipped.Find("3983"),
            "一般项目：传感器制造；传感器销售", staff, year, formerNames ?? []);

    private static RegisterMapping Mapping(string document, string asOf, IPlacementSuggester? suggester = null) =>
        new(document, asOf, key => key.StartsWith("d-", StringComparison.Ordinal), suggester);

    /// <summary>What the store holds after the first import of <see cref="Entry"/>.</summary>
    private static StoredEnterprise Stored(RegisterChange first) => new(first.Entity!, first.Facts, [first.LocatedIn!.ToKey]);

    [Fact]
    public void A_new_row_is_an_enterprise_keyed_by_its_code_with_sourced_facts()
    {
        var change = Mapping("register-a", "2026-01-01").Map(Entry(formerNames: ["郑州乙公司"]), null);
        Assert.True(change.Added);
        Assert.Equal(Code, change.Entity!.Key);
        Assert.Equal(EntityKind.Enterprise, change.Entity.Kind);
        Assert.Equal(["郑州乙公司"], change.Entity.Aliases);
        Assert.Equal("d-guancheng", change.LocatedIn!.ToKey);
        Assert.All(change.Facts, fact => Assert.Equal([SourceRef.FromDocument("register-a", 2)], fact.Sources));
        Assert.Equal("2023", Assert.Single(change.Facts, fact => fact.Key == "insured_staff").AsOf);
        Assert.Equal("410104", Assert.Single(change.Facts, fact => fact.Key == "district_code").Value);
        Assert.Equal(10_000_000, Assert.Single(change.Facts, fact => fact.Key == "registered_capital").Number);
        Assert.Equal("3983", Assert.Single(change.Facts, fact => fact.Key == "industry_code").Value);
    }

    [Fact]
    public void The_same_figures_next_month_add_nothing()
    {
        var first = Mapping("register-a", "2026-01-01").Map(Entry(), null);
        var again = Mapping("register-b", "2026-02-01").Map(Entry(row: 7), Stored(first));
        Assert.Null(again.Entity);
        Assert.Null(again.LocatedIn);
        Assert.Empty(again.Facts);
        Assert.False(again.Updated);
    }

    [Fact]
    public void A_changed_insured_staff_figure_is_a_new_dated_fact_and_the_old_one_stays()
    {
        var first = Mapping("register-a", "2026-01-01").Map(Entry(), null);
        var next = Mapping("register-b", "2026-02-01").Map(Entry(staff: 80, year: "2024"), Stored(first));
        var staff = next.Facts.Where(fact => fact.Key == "insured_staff").OrderBy(fact => fact.AsOf).ToList();
        Assert.Equal([("2023", 50d), ("2024", 80d)], staff.Select(fact => (fact.AsOf!, fact.Number!.Value)));
        Assert.Equal([SourceRef.FromDocument("register-b", 2)], staff[1].Sources);
        Assert.All(next.Facts, fact => Assert.Equal("insured_staff", fact.Key));
        Assert.True(next.Updated);
    }

    [Fact]
    public void A_deregistration_marks_the_enterprise_inactive_with_the_date_and_keeps_the_rest()
    {
        var first = Mapping("register-a", "2026-01-01").Map(Entry(formerNames: ["郑州乙公司"]), null);
        var stored = Stored(first) with { Entity = first.Entity! with { Tags = ["high-tech"] } };
        var next = Mapping("register-b", "2026-02-01").Map(Entry(status: "注销"), stored);
        Assert.True(next.BecameInactive);
        Assert.Equal(["high-tech", RegisterMapping.InactiveTag], next.Entity!.Tags);
        Assert.Equal(["郑州乙公司"], next.Entity.Aliases);
        var statuses = next.Facts.Where(fact => fact.Key == "registration_status").OrderBy(fact => fact.AsOf).Select(fact => (fact.Value, fact.AsOf)).ToList();
        Assert.Equal([("存续", "2026-01-01"), ("注销", "2026-02-01")], statuses);
    }

    [Fact]
    public void A_renamed_enterprise_keeps_its_old_name_as_an_alias()
    {
        var first = Mapping("register-a", "2026-01-01").Map(Entry(), null);
        var next = Mapping("register-b", "2026-02-01").Map(Entry(name: "郑州甲智能科技有限公司"), Stored(first));
        Assert.Equal("郑州甲智能科技有限公司", next.Entity!.Name);
        Assert.Contains("郑州甲传感科技有限公司", next.Entity.Aliases);
    }

    [Fact]
    public void Active_enterprises_get_suggestions_with_the_basis_and_inactive_ones_none()
    {
        var suggester = new WordPlacementSuggester("传感器", "link-smart-sensor-module");
        var active = Mapping("register-a", "2026-01-01", suggester).Map(Entry(), null);
        var placement = Assert.Single(active.Placements);
        Assert.Equal(PlacementKind.Suggested, placement.Kind);
        Assert.Equal(new EnterpriseDescription("郑州甲传感科技有限公司", "3983", "一般项目：传感器制造；传感器销售").Basis, placement.Basis);
        Assert.Empty(Mapping("register-a", "2026-01-01", suggester).Map(Entry(status: "注销"), null).Placements);
    }
}
