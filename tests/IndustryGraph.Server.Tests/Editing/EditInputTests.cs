using IndustryGraph.Domain.Access;
using IndustryGraph.Server.Tests.Hosting;

namespace IndustryGraph.Server.Tests.Editing;

/// <summary>Mutations refuse what the store cannot keep faithfully, every problem at once, each BAD_USER_INPUT naming the argument.</summary>
public sealed class EditInputTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string RenamePark = """
        mutation($name: String!) { updateEntity(input: { entity: "park-jindai", name: $name, provenance: { curated: true, note: "input test" } }) { name } }
        """;

    [Theory]
    [InlineData("金岱\u200B智慧产业园", "U+200B")]
    [InlineData("\u202E园业产慧智岱金", "U+202E")]
    [InlineData("金岱\u2066智慧\u2069产业园", "U+2066")]
    public async Task A_name_with_an_invisible_or_bidi_character_is_refused(string name, string character)
    {
        var key = await server.CreateKeyAsync(ApiRole.Editor, "names-" + Guid.NewGuid().ToString("N"));
        var renamed = await server.PostWithKeyAsync(key, RenamePark, new { name });
        Assert.Equal("BAD_USER_INPUT", Assert.Single(renamed.ErrorCodes));
        Assert.Contains(character, renamed.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_typed_decomposed_is_kept_composed()
    {
        var key = await server.CreateKeyAsync(ApiRole.Editor, "names-nfc");
        var decomposed = "Café 金岱智慧产业园".Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual(decomposed, decomposed.Normalize(System.Text.NormalizationForm.FormC));
        var renamed = await server.PostWithKeyAsync(key, RenamePark, new { name = decomposed });
        Assert.True(renamed.Errors is null, renamed.Errors?.ToJsonString());
        Assert.Equal(decomposed.Normalize(System.Text.NormalizationForm.FormC), renamed.Data!["updateEntity"]!["name"]!.GetValue<string>());
        var restored = await server.PostWithKeyAsync(key, RenamePark, new { name = "城发·金岱智慧产业园" });
        Assert.True(restored.Errors is null, restored.Errors?.ToJsonString());
    }

    [Fact]
    public async Task A_fact_in_full_width_digits_is_read_and_one_in_Arabic_Indic_digits_is_refused()
    {
        var key = await server.CreateKeyAsync(ApiRole.Editor, "input-editor");
        const string AddFact = """
            mutation($key: String!, $value: String!) { addFact(input: { entity: "park-jindai", key: $key, value: $value, provenance: { curated: true, note: "input test" } }) { value number unit } }
            """;
        var fullWidth = await server.PostWithKeyAsync(key, AddFact, new { key = "probe_full_width", value = "１２３万元" });
        Assert.Null(fullWidth.Errors);
        Assert.Equal(1_230_000, fullWidth.Data!["addFact"]!["number"]!.GetValue<double>());

        var arabic = await server.PostWithKeyAsync(key, AddFact, new { key = "probe_arabic", value = "١٢٣万元" });
        Assert.Equal(["BAD_USER_INPUT"], arabic.ErrorCodes);
        Assert.Contains("U+0661", arabic.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_value_of_a_mutation_is_reported_and_nothing_is_written()
    {
        var key = await server.CreateKeyAsync(ApiRole.Editor, "input-editor-2");
        var response = await server.PostWithKeyAsync(key, """
            mutation($name: String!, $aliases: [String!], $number: Float) {
              createEntity(input: { key: "ent-bad-input", kind: ENTERPRISE, name: $name, aliases: $aliases, provenance: { curated: true, note: "ok\nsecond line" } }) { key }
              addFact(input: { entity: "park-jindai", key: "bad", value: "1", number: $number, provenance: { curated: true, note: "n" } }) { key }
            }
            """, new { name = "坏\u0001名", aliases = new[] { "ok", "a\0b", "c\u001b" }, number = 1e300 });
        Assert.Equal(4, response.ErrorCodes.Count());
        Assert.All(response.ErrorCodes, code => Assert.Equal("BAD_USER_INPUT", code));
        var messages = string.Join("\n", response.Errors!.Select(error => error!["message"]!.GetValue<string>()));
        Assert.Contains("createEntity.input.name", messages, StringComparison.Ordinal);
        Assert.Contains("createEntity.input.aliases[1]", messages, StringComparison.Ordinal);
        Assert.Contains("createEntity.input.aliases[2]", messages, StringComparison.Ordinal);
        Assert.Contains("addFact.input.number", messages, StringComparison.Ordinal);
        Assert.Null((await server.PostAsync("""{ search(text: "坏") { __typename } }""")).Errors);
        Assert.Equal("NOT_FOUND", Assert.Single((await server.PostAsync("""{ entity(ref: "ent-bad-input") { key } }""")).ErrorCodes));
    }

    [Fact]
    public async Task A_NUL_in_the_search_text_and_a_forged_figure_cursor_are_BAD_USER_INPUT()
    {
        Assert.Equal(["BAD_USER_INPUT"], (await server.PostAsync("query($t: String!) { search(text: $t) { __typename } }", new { t = "金\0岱" })).ErrorCodes);
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("[\"not a number\",\"k\"]")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var response = await server.PostAsync("query($after: String) { enterprises(orderBy: { by: FACT, fact: \"enterprise_count\" }, after: $after) { totalCount } }", new { after = forged });
        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }
}
