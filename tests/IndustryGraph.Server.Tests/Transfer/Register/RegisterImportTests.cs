using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Register;
using IndustryGraph.Domain.Store;
using IndustryGraph.Server.Hosting;
using IndustryGraph.Server.Seed;
using IndustryGraph.Server.Transfer.Register;
using IndustryGraph.Storage.Contract;

namespace IndustryGraph.Server.Tests.Transfer.Register;

/// <summary>The register import on a real SQLite store loaded from the seed.</summary>
public sealed class RegisterImportTests : IAsyncLifetime
{
    private const string Maker = "91350100M000100Y43";
    private const string Restaurant = "91110000100017643K";
    private const string Trader = "91410100MA44C0RT1X";

    private readonly TestDirectory scratch = new("register-import");
    private ServiceProvider? services;
    private IGraphStore store = null!;

    public async Task InitializeAsync()
    {
        var settings = StoreSettings.Sqlite(scratch["graph.db"]);
        services = StoreSelection.Open(settings);
        store = await StoreSelection.OpenWithSeedAsync(services, settings, SeedFolder.Default);
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Dispose();
    }

    private static string TraderCode => Trader[..17] + CreditCode.CheckCharacter(Trader.AsSpan(0, 17));

    private static string[][] FirstMonth =>
    [
        RegisterFiles.SensorMaker(Maker),
        RegisterFiles.Row("郑州乙智能餐饮管理有限公司", Restaurant, (RegisterColumn.Status, "存续"), (RegisterColumn.County, "郑东新区"),
            (RegisterColumn.BusinessScope, "餐饮服务；食品销售"), (RegisterColumn.InsuredStaff, "12"), (RegisterColumn.InsuredStaffYear, "2023年报")),
        RegisterFiles.Row("郑州丙传感器贸易有限公司", TraderCode, (RegisterColumn.Status, "存续"), (RegisterColumn.County, "高新技术产业开发区"),
            (RegisterColumn.BusinessScope, "传感器销售；电子产品批发"), (RegisterColumn.FormerNames, "郑州丙电子有限公司")),
    ];

    private Task<RegisterImportResult> ImportAsync(string[][] rows, string asOf, bool dryRun = false, IPlacementSuggester? suggester = null, string name = "register.csv")
    {
        var path = RegisterFiles.WriteCsv(scratch[name], rows, RegisterFiles.Gbk);
        var import = new RegisterImport(store, RegisterIndustries.Load(), suggester);
        return import.RunAsync(path, new RegisterImportOptions(name, asOf, RegisterText.English) { DryRun = dryRun }, CancellationToken.None);
    }

    private async Task<IReadOnlyList<Fact>> FactsAsync(string key, string factKey) =>
        [.. (await store.GetFactsAsync([key])).GetValueOrDefault(key, []).Where(fact => fact.Key == factKey).OrderBy(fact => fact.AsOf, StringComparer.Ordinal)];

    [Fact]
    public async Task An_export_becomes_enterprises_keyed_by_credit_code_in_their_districts_with_every_fact_traced_to_its_row()
    {
        var result = await ImportAsync(FirstMonth, "2026-01-01");
        Assert.True(result.Imported, string.Join("\n", result.Problems.Errors));
        Assert.Equal((3, 3, 0), (result.Rows, result.EnterprisesAdded, result.EnterprisesUpdated));

        var entities = await store.GetEntitiesAsync([Maker, TraderCode, result.DocumentKey!]);
        Assert.Equal("郑州甲传感科技有限公司", entities[Maker].Name);
        Assert.Equal(["郑州丙电子有限公司"], entities[TraderCode].Aliases);
        Assert.Equal(EntityKind.SourceDocument, entities[result.DocumentKey!].Kind);
        var located = await store.GetRelationshipsAsync([Maker, Restaurant, TraderCode], Direction.Out, [RelationshipTypes.LocatedIn]);
        Assert.Equal(new[] { (Maker, "d-guancheng"), (Restaurant, "d-zhengdong"), (TraderCode, "d-gaoxin") }.Order(),
            located.Select(edge => (edge.FromKey, edge.ToKey)).Order());

        var facts = (await store.GetFactsAsync([Maker]))[Maker];
        Assert.All(facts, fact => Assert.Equal([SourceRef.FromDocument(result.DocumentKey!, 2)], fact.Sources));
        Assert.Equal("3983", Assert.Single(facts, fact => fact.Key == "industry_code").Value);
        Assert.Equal(("50", "2023"), Assert.Single(facts, fact => fact.Key == "insured_staff") is var staff ? (staff.Value, staff.AsOf) : default);
        Assert.Equal(10_000_000, Assert.Single(facts, fact => fact.Key == "registered_capital").Number);
        Assert.Equal("2015-03-04", Assert.Single(facts, fact => fact.Key == "founded").Value);
        Assert.Equal("410104", Assert.Single(facts, fact => fact.Key == "district_code").Value);
    }

    [Fact]
    public async Task A_malformed_code_rejects_the_whole_file_with_row_and_column_and_writes_nothing()
    {
        var before = await store.CountAsync();
        string[][] rows = [.. FirstMonth, RegisterFiles.Row("郑州丁公司", "91410100ABC")];
        var result = await ImportAsync(rows, "2026-01-01", name: "bad.csv");
        Assert.False(result.Imported);
        Assert.Equal("bad.csv:5:2: malformed credit code '91410100ABC': a code is 18 digits or capital letters (not I, O, S, V, Z); this has 11",
            Assert.Single(result.Problems.Errors).ToString());
        Assert.Equal(before, await store.CountAsync());
    }

    [Fact]
    public async Task A_missing_required_column_is_one_error_naming_it()
    {
        var headers = RegisterFiles.Headers.Where(header => header != "统一社会信用代码").ToList();
        var path = RegisterFiles.WriteCsv(scratch["no-code.csv"], [["郑州甲公司", .. Enumerable.Repeat("", headers.Count - 1)]], RegisterFiles.Utf8WithoutBom, headers);
        var result = await new RegisterImport(store, RegisterIndustries.Load(), null)
            .RunAsync(path, new RegisterImportOptions("no-code.csv", "2026-01-01", RegisterText.Chinese), CancellationToken.None);
        Assert.False(result.Imported);
        Assert.Contains("缺少必需的列：统一社会信用代码", Assert.Single(result.Problems.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_months_export_merges_by_credit_code()
    {
        await ImportAsync(FirstMonth, "2026-01-01");
        var before = await FactsAsync(TraderCode, "address");

        // The maker reports more insured staff for a new year; the restaurant is deregistered; the trader is unchanged.
        string[][] nextMonth =
        [
            RegisterFiles.SensorMaker(Maker, staff: "80", year: "2024年报"),
            RegisterFiles.Row("郑州乙智能餐饮管理有限公司", Restaurant, (RegisterColumn.Status, "注销"), (RegisterColumn.County, "郑东新区"),
                (RegisterColumn.BusinessScope, "餐饮服务；食品销售"), (RegisterColumn.InsuredStaff, "12"), (RegisterColumn.InsuredStaffYear, "2023年报")),
            FirstMonth[2],
        ];
        var result = await ImportAsync(nextMonth, "2026-02-01", name: "register-2026-02.csv");
        Assert.True(result.Imported);
        Assert.Equal((0, 2, 1), (result.EnterprisesAdded, result.EnterprisesUpdated, result.NewlyInactive));
        // One insured_staff fact and one registration_status fact are new (and the new file's two); nothing else changed.
        Assert.Equal(2 + 2, result.Summary!.FactsAdded); // and the new document's published and note

        Assert.Equal([("50", "2023"), ("80", "2024")], (await FactsAsync(Maker, "insured_staff")).Select(fact => (fact.Value, fact.AsOf)));
        Assert.Equal([("存续", "2026-01-01"), ("注销", "2026-02-01")], (await FactsAsync(Restaurant, "registration_status")).Select(fact => (fact.Value, fact.AsOf)));
        Assert.Contains(RegisterMapping.InactiveTag, (await store.GetEntitiesAsync([Restaurant]))[Restaurant].Tags);
        Assert.Equal(before, await FactsAsync(TraderCode, "address"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await ImportAsync(FirstMonth, "2026-01-01");
        var version = await store.GetDataVersionAsync();
        var again = await ImportAsync(FirstMonth, "2026-03-01");
        Assert.True(again.Imported);
        Assert.Equal((0, 0), (again.EnterprisesAdded, again.EnterprisesUpdated));
        Assert.Equal(version, await store.GetDataVersionAsync());
    }

    [Fact]
    public async Task A_dry_run_counts_what_would_change_and_leaves_the_store_unchanged()
    {
        var before = await store.CountAsync();
        var result = await ImportAsync(FirstMonth, "2026-01-01", dryRun: true);
        Assert.True(result.Imported);
        Assert.Equal(3, result.EnterprisesAdded);
        Assert.True(result.Summary!.FactsAdded > 0);
        Assert.Equal(before, await store.CountAsync());
        Assert.Empty(await store.GetEntitiesAsync([Maker]));
    }

    [Fact]
    public async Task Active_enterprises_get_the_suggesters_placements_and_deregistered_ones_none()
    {
        string[][] rows = [.. FirstMonth, RegisterFiles.SensorMaker("91350100M000100Y5" + CreditCode.CheckCharacter("91350100M000100Y5"), status: "注销")];
        var result = await ImportAsync(rows, "2026-01-01", suggester: new WordPlacementSuggester("传感器", "link-smart-sensor-module"));
        Assert.True(result.Imported);
        Assert.True(result.Suggested);
        // The maker and the trader hold the word (the suggester decides what a trader is); the deregistered maker gets none.
        Assert.Equal(2, result.Suggestions);
        Assert.Equal(1, result.Inactive);
    }

    [Fact]
    public async Task A_repeated_credit_code_is_a_warning_and_the_first_row_stands()
    {
        string[][] rows = [.. FirstMonth, RegisterFiles.SensorMaker(Maker, staff: "99")];
        var result = await ImportAsync(rows, "2026-01-01");
        Assert.True(result.Imported);
        Assert.Contains(result.Problems.Warnings, warning => warning.ToString() == $"register.csv:5:0: credit code '{Maker}' is already on row 2; this row is skipped");
        Assert.Equal("50", Assert.Single(await FactsAsync(Maker, "insured_staff")).Value);
    }
}
