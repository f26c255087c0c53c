using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Domain.Tests.Graph;

public sealed class GlobalIdTests
{
    [Fact]
    public void An_id_decodes_to_the_kind_and_key_it_was_made_from()
    {
        var id = GlobalId.Encode(EntityKind.ChainLink, "link-smart-sensor-mems");
        Assert.True(GlobalId.TryDecode(id, out var kind, out var key));
        Assert.Equal(EntityKind.ChainLink, kind);
        Assert.Equal("link-smart-sensor-mems", key);
        Assert.DoesNotContain("link-smart-sensor-mems", id, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_entity_always_gets_the_same_id() =>
        Assert.Equal(GlobalId.Encode(EntityKind.Park, "park-jindai"), GlobalId.Encode(EntityKind.Park, "park-jindai"));

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("UEFSSw")]
    [InlineData("Tk9QRTprZXk")]
    public void Text_that_is_not_an_id_does_not_decode(string text) => Assert.False(GlobalId.TryDecode(text, out _, out _));
}
