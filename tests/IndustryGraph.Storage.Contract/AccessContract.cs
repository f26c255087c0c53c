using IndustryGraph.Domain.Access;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Store;

namespace IndustryGraph.Storage.Contract;

/// <summary>API keys and the audit trail's filters and paging, through the port.</summary>
public abstract class AccessContract : StoreContract
{
    [ContractFact]
    public async Task Keys_are_added_once_by_name_found_by_hash_listed_and_revoked()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.True(await Keys.AddKeyAsync(new ApiKey("alice", ApiRole.Editor, created), "hash-a"));
        Assert.False(await Keys.AddKeyAsync(new ApiKey("alice", ApiRole.Admin, created), "hash-b"));
        Assert.True(await Keys.AddKeyAsync(new ApiKey("bob", ApiRole.Admin, created), "hash-b"));

        Assert.Equal(new ApiKey("alice", ApiRole.Editor, created), await Keys.FindKeyAsync("hash-a"));
        Assert.Null(await Keys.FindKeyAsync("hash-x"));
        Assert.Equal(["alice", "bob"], (await Keys.ListKeysAsync()).Select(key => key.Name));

        Assert.True(await Keys.RevokeKeyAsync("alice"));
        Assert.False(await Keys.RevokeKeyAsync("alice"));
        Assert.Null(await Keys.FindKeyAsync("hash-a"));
    }

    [ContractFact]
    public async Task The_audit_trail_filters_by_entity_and_actor_and_pages_newest_first()
    {
        await LoadSampleAsync();
        foreach (var (actor, name) in new[] { ("alice", "一"), ("bob", "二"), ("alice", "三") })
        {
            await Editor.UpdateEntityAsync("park-jz", new EntityChanges(name, null, null), new EditContext(actor, SourceRef.FromCuration("rename")));
        }

        var alice = await Audit.QueryAuditAsync(new AuditQuery { Actor = "alice", Limit = 1 });
        Assert.Equal((2, true), (alice.TotalCount, alice.HasNext));
        Assert.Equal("三", alice.Entries.Single().After);
        var next = await Audit.QueryAuditAsync(new AuditQuery { Actor = "alice", Limit = 1, AfterId = alice.Entries.Single().Id });
        Assert.Equal(("一", false), (next.Entries.Single().After, next.HasNext));
        var park = await Audit.QueryAuditAsync(new AuditQuery { EntityKey = "park-jz", Limit = 10 });
        Assert.Equal(3, park.TotalCount);
        var future = await Audit.QueryAuditAsync(new AuditQuery { From = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(0, future.TotalCount);
    }
}
