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

    [ContractFact]
    public async Task Stored_keys_are_read_with_their_hashes_and_written_as_they_are_by_name()
    {
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.True(await Keys.AddKeyAsync(new ApiKey("alice", ApiRole.Editor, created), "hash-a"));
        StoredApiKey[] copied = [new(new ApiKey("alice", ApiRole.Admin, created.AddDays(1)), "hash-a2"), new(new ApiKey("bob", ApiRole.Reader, created), "hash-b")];

        await Keys.WriteStoredKeysAsync(copied);
        await Keys.WriteStoredKeysAsync(copied);

        Assert.Equal(copied, await Keys.ReadStoredKeysAsync());
        Assert.Null(await Keys.FindKeyAsync("hash-a"));
        Assert.Equal(copied[0].Key, await Keys.FindKeyAsync("hash-a2"));
        Assert.DoesNotContain("hash", copied[1].ToString(), StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task Audit_entries_are_read_oldest_first_in_batches_and_written_as_they_are_by_id()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567);
        AuditEntry[] copied =
        [
            new(3, at, "alice", "update", "park-jz", "name", "一", "二", SampleGraph.Curated),
            new(7, at.AddMinutes(1), "cli", "import", null, "seed", "data version 0", "3 entities", null),
            new(8, at.AddMinutes(2), "bob", "delete", "ent-hw", null, "汉威科技", null, SampleGraph.Article),
        ];

        await Audit.WriteAuditAsync(copied);
        await Audit.WriteAuditAsync([copied[0] with { Actor = "mallory" }, copied[2]]);

        Assert.Equal(copied, await Audit.ReadAuditAfterAsync(0, 10));
        Assert.Equal(copied[1..], await Audit.ReadAuditAfterAsync(3, 10));
        Assert.Equal([copied[0]], await Audit.ReadAuditAfterAsync(0, 1));
        Assert.Empty(await Audit.ReadAuditAfterAsync(8, 10));

        // What is written next comes after every copied id.
        await LoadSampleAsync();
        await Editor.UpdateEntityAsync("park-jz", new EntityChanges("三", null, null), new EditContext("carol", SourceRef.FromCuration("rename")));
        var newest = (await Audit.QueryAuditAsync(new AuditQuery { Limit = 1 })).Entries.Single();
        Assert.Equal("carol", newest.Actor);
        Assert.True(newest.Id > 8, $"the edit's entry took id {newest.Id}");
        Assert.Equal(copied, (await Audit.ReadAuditAfterAsync(0, 100)).Where(entry => entry.Id <= 8));
    }
}
