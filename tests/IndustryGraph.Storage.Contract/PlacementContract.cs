using System.Globalization;
using IndustryGraph.Domain.Audit;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;
using IndustryGraph.Domain.Store;
using static IndustryGraph.Storage.Contract.SampleGraph;

namespace IndustryGraph.Storage.Contract;

/// <summary>
/// Placement records through the port: the register import's suggestions merged by <see cref="PlacementMerge"/>'s
/// rules, all or nothing, planners' decisions in the audit trail, snapshot and whole-graph reads, and the records
/// going with their entities.
/// </summary>
public abstract class PlacementContract : StoreContract
{
    private static readonly EditContext Alice = new("alice", SourceRef.FromCuration("meeting"));

    private static PlacementRecord Suggestion(string enterprise, string link, double score, string basis, int start = 4) =>
        new(enterprise, link, PlacementKind.Suggested, score,
            [new PlacementEvidence(PlacementEvidenceKind.Code, "3983", 0, 4), new PlacementEvidence(PlacementEvidenceKind.Word, "传感器", start, 3)])
        { Basis = basis };

    /// <summary>A register import's placement part: the suggestions computed anew for <paramref name="suggestedFor"/>.</summary>
    private static ImportStream Suggesting(IReadOnlyList<string> suggestedFor, params PlacementRecord[] suggestions) =>
        new(suggestions.Length, (emit, _) =>
        {
            emit(new ImportPart([], [], []) { Placements = suggestions, SuggestedFor = suggestedFor });
            return Task.CompletedTask;
        });

    private Task<ImportSummary> SuggestAsync(IReadOnlyList<string> suggestedFor, params PlacementRecord[] suggestions) =>
        Store.ImportAsync(Suggesting(suggestedFor, suggestions), new ImportOptions(ImportMode.Merge) { Origin = "register" });

    private async Task<Dictionary<(string, string), PlacementRecord>> PlacementsOfAsync(params string[] enterprises) =>
        (await Store.GetPlacementsAsync(enterprises)).Values.SelectMany(records => records).ToDictionary(record => (record.EnterpriseKey, record.LinkKey));

    private static string Describe(PlacementRecord record) => string.Join('|', record.EnterpriseKey, record.LinkKey, record.Kind.ToCode(),
        record.Score?.ToString("R", CultureInfo.InvariantCulture), PlacementEvidenceJson.Write(record.Evidence), record.Basis, record.DecidedBy,
        record.DecidedAt is { } at ? PlacementRecords.FormatTime(at) : null);

    [ContractFact]
    public async Task Suggestions_are_stored_with_score_evidence_and_basis_and_read_for_a_batch_of_enterprises_best_first()
    {
        await LoadSampleAsync();
        var summary = await SuggestAsync(["ent-gl", "ent-ls"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"), Suggestion("ent-gl", "link-s-2", 0.8, "b1"), Suggestion("ent-ls", "link-s-3", 0.5, "b2"));

        Assert.Equal((3, 0, 0, 2L), (summary.PlacementsAdded, summary.PlacementsUpdated, summary.PlacementsRemoved, summary.DataVersion));
        var placements = await Store.GetPlacementsAsync(["ent-gl", "ent-ls", "ent-hw"]);
        Assert.Equal(["ent-gl", "ent-ls"], placements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["link-s-2", "link-s-1"], placements["ent-gl"].Select(record => record.LinkKey));
        var best = placements["ent-gl"][0];
        Assert.Equal(Describe(Suggestion("ent-gl", "link-s-2", 0.8, "b1")), Describe(best));
        Assert.Equal(new PlacementEvidence(PlacementEvidenceKind.Word, "传感器", 4, 3), best.Evidence[1]);
        Assert.Empty(await Store.GetPlacementsAsync([]));
    }

    [ContractFact]
    public async Task A_re_import_keeps_decisions_updates_a_confirmation_s_score_and_drops_stale_suggestions()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl", "ent-ls"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"), Suggestion("ent-gl", "link-s-2", 0.8, "b1"),
            Suggestion("ent-ls", "link-s-3", 0.5, "b2"), Suggestion("ent-ls", "link-s-1", 0.4, "b2"));
        await Editor.DecidePlacementsAsync(
            [new PlacementDecision("ent-gl", "link-s-1", PlacementKind.Confirmed), new PlacementDecision("ent-gl", "link-s-2", PlacementKind.Rejected),
             new PlacementDecision("ent-ls", "link-s-1", PlacementKind.Confirmed)], Alice);
        var decided = await PlacementsOfAsync("ent-gl", "ent-ls");

        // The next month: same basis for ent-gl, new scores; ent-ls no longer suggested for anything.
        var summary = await SuggestAsync(["ent-gl", "ent-ls"], Suggestion("ent-gl", "link-s-1", 0.9, "b1", start: 7), Suggestion("ent-gl", "link-s-2", 0.85, "b1"));

        var after = await PlacementsOfAsync("ent-gl", "ent-ls");
        var confirmed = after[("ent-gl", "link-s-1")];
        Assert.Equal((PlacementKind.Confirmed, 0.9, 7, "alice"), (confirmed.Kind, confirmed.Score!.Value, confirmed.Evidence[1].Start, confirmed.DecidedBy!));
        Assert.Equal(decided[("ent-gl", "link-s-1")].DecidedAt, confirmed.DecidedAt);
        Assert.Equal(Describe(decided[("ent-gl", "link-s-2")]), Describe(after[("ent-gl", "link-s-2")]));
        Assert.False(after.ContainsKey(("ent-ls", "link-s-3")));
        Assert.Equal(Describe(decided[("ent-ls", "link-s-1")]), Describe(after[("ent-ls", "link-s-1")]));
        Assert.Equal((0, 1, 1), (summary.PlacementsAdded, summary.PlacementsUpdated, summary.PlacementsRemoved));
    }

    [ContractFact]
    public async Task A_rejection_stays_while_the_basis_is_unchanged_and_is_suggested_again_when_it_changed()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-2", 0.8, "b1"));
        await Editor.DecidePlacementsAsync([new PlacementDecision("ent-gl", "link-s-2", PlacementKind.Rejected)], Alice);

        var same = await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-2", 0.8, "b1"));
        Assert.Equal(PlacementKind.Rejected, (await PlacementsOfAsync("ent-gl"))[("ent-gl", "link-s-2")].Kind);
        Assert.Equal((0, 0, 0), (same.PlacementsAdded, same.PlacementsUpdated, same.PlacementsRemoved));

        var changed = await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-2", 0.7, "b2"));
        Assert.Equal(Describe(Suggestion("ent-gl", "link-s-2", 0.7, "b2")), Describe((await PlacementsOfAsync("ent-gl"))[("ent-gl", "link-s-2")]));
        Assert.Equal(1, changed.PlacementsUpdated);
    }

    [ContractFact]
    public async Task Records_of_enterprises_the_import_does_not_suggest_for_are_written_as_given_and_left_alone_otherwise()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"));
        var given = new PlacementRecord("ent-ls", "link-s-3", PlacementKind.Confirmed, null, []) { DecidedBy = "bob", DecidedAt = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero) };

        await SuggestAsync(["ent-xt"], given);

        var all = await PlacementsOfAsync("ent-gl", "ent-ls");
        Assert.Equal(Describe(given), Describe(all[("ent-ls", "link-s-3")]));
        Assert.Equal(PlacementKind.Suggested, all[("ent-gl", "link-s-1")].Kind);
    }

    [ContractFact]
    public async Task A_stream_that_fails_after_its_placements_keeps_none_of_it()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"));
        var (counts, lines) = (await Store.CountAsync(), Lines(await Store.ReadAllAsync()));
        var failing = new ImportStream(3, (emit, _) =>
        {
            emit(ImportPart.OfEntities([E("ent-new", EntityKind.Enterprise, "新企业")]));
            emit(new ImportPart([], [], []) { Placements = [Suggestion("ent-new", "link-s-2", 0.7, "b9"), Suggestion("ent-gl", "link-s-3", 0.5, "b2")], SuggestedFor = ["ent-new", "ent-gl"] });
            throw new InvalidDataException("row 3: broken");
        });

        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ImportAsync(failing, new ImportOptions(ImportMode.Merge)));

        Assert.Equal(counts, await Store.CountAsync());
        Assert.Equal(lines, Lines(await Store.ReadAllAsync()));
        Assert.Empty(await Store.GetPlacementsAsync(["ent-new"]));
    }

    [ContractFact]
    public async Task A_dry_run_counts_the_placements_it_would_write_and_keeps_none()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"));
        var version = await Store.GetDataVersionAsync();

        var summary = await Store.ImportAsync(Suggesting(["ent-gl", "ent-ls"], Suggestion("ent-ls", "link-s-3", 0.5, "b2")), new ImportOptions(ImportMode.Merge) { DryRun = true });

        Assert.Equal((1, 0, 1), (summary.PlacementsAdded, summary.PlacementsUpdated, summary.PlacementsRemoved));
        Assert.Equal(version, await Store.GetDataVersionAsync());
        Assert.Equal(["ent-gl"], (await Store.GetPlacementsAsync(["ent-gl", "ent-ls"])).Keys);
    }

    [ContractFact]
    public async Task Decisions_are_one_write_with_an_audit_entry_each_and_keep_a_suggestion_s_score_and_evidence()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"));
        var version = await Store.GetDataVersionAsync();
        var earliest = DateTimeOffset.UtcNow;

        var decided = await Editor.DecidePlacementsAsync(
            [new PlacementDecision("ent-gl", "link-s-1", PlacementKind.Confirmed), new PlacementDecision("ent-ls", "link-s-3", PlacementKind.Rejected)], Alice);

        Assert.Equal(version + 1, await Store.GetDataVersionAsync());
        var stored = await PlacementsOfAsync("ent-gl", "ent-ls");
        Assert.Equal(decided.Select(Describe).Order(StringComparer.Ordinal), stored.Values.Select(Describe).Order(StringComparer.Ordinal));
        var confirmed = stored[("ent-gl", "link-s-1")];
        Assert.Equal(Describe(Suggestion("ent-gl", "link-s-1", 0.6, "b1") with { Kind = PlacementKind.Confirmed, DecidedBy = "alice", DecidedAt = confirmed.DecidedAt }), Describe(confirmed));
        Assert.InRange(confirmed.DecidedAt!.Value, earliest, DateTimeOffset.UtcNow);
        var created = stored[("ent-ls", "link-s-3")];
        Assert.Equal((PlacementKind.Rejected, (double?)null, 0, "alice"), (created.Kind, created.Score, created.Evidence.Count, created.DecidedBy!));

        var trail = (await Audit.QueryAuditAsync(new AuditQuery { Actor = "alice", Limit = 10 })).Entries;
        Assert.Equal(2, trail.Count);
        var confirmation = Assert.Single(trail, entry => entry.Action == "placement.confirm");
        Assert.Equal(("ent-gl", "SUGGESTED", "CONFIRMED", SourceRef.FromCuration("meeting")), (confirmation.EntityKey!, confirmation.Before!, confirmation.After!, confirmation.Provenance!));
        Assert.Contains("link-s-1", confirmation.Field, StringComparison.Ordinal);
        var rejection = Assert.Single(trail, entry => entry.Action == "placement.reject");
        Assert.Equal(("ent-ls", (string?)null, "REJECTED"), (rejection.EntityKey!, rejection.Before, rejection.After!));
        Assert.Contains("link-s-3", rejection.Field, StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task A_batch_naming_an_unknown_key_an_entity_of_the_wrong_kind_or_no_decision_is_refused_whole()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"));
        var version = await Store.GetDataVersionAsync();
        var before = Lines(await Store.ReadAllAsync());
        var good = new PlacementDecision("ent-gl", "link-s-1", PlacementKind.Confirmed);

        var unknown = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.DecidePlacementsAsync([good, new PlacementDecision("ent-nowhere", "link-s-1", PlacementKind.Confirmed)], Alice));
        Assert.Equal(EditProblem.NotFound, unknown.Problem);
        Assert.Contains("ent-nowhere", unknown.Message, StringComparison.Ordinal);
        var unknownLink = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.DecidePlacementsAsync([good, new PlacementDecision("ent-gl", "link-nowhere", PlacementKind.Rejected)], Alice));
        Assert.Equal(EditProblem.NotFound, unknownLink.Problem);
        var notALink = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.DecidePlacementsAsync([good, new PlacementDecision("ent-gl", "park-jd", PlacementKind.Confirmed)], Alice));
        Assert.Equal(EditProblem.Invalid, notALink.Problem);
        var notAnEnterprise = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.DecidePlacementsAsync([good, new PlacementDecision("chain-s", "link-s-1", PlacementKind.Confirmed)], Alice));
        Assert.Equal(EditProblem.Invalid, notAnEnterprise.Problem);
        var notADecision = await Assert.ThrowsAsync<EditRejectedException>(() => Editor.DecidePlacementsAsync([good, new PlacementDecision("ent-gl", "link-s-2", PlacementKind.Suggested)], Alice));
        Assert.Equal(EditProblem.Invalid, notADecision.Problem);

        Assert.Equal(version, await Store.GetDataVersionAsync());
        Assert.Equal(before, Lines(await Store.ReadAllAsync()));
        Assert.Equal(0, (await Audit.QueryAuditAsync(new AuditQuery { Actor = "alice" })).TotalCount);
    }

    [ContractFact]
    public async Task A_snapshot_reads_the_placements_of_the_version_it_pinned_or_refuses()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"));
        await using var snapshot = await Store.OpenSnapshotAsync();
        Assert.Equal(PlacementKind.Suggested, (await snapshot.GetPlacementsAsync(["ent-gl"]))["ent-gl"].Single().Kind);

        await Editor.DecidePlacementsAsync([new PlacementDecision("ent-gl", "link-s-1", PlacementKind.Rejected)], Alice);

        try
        {
            Assert.Equal(PlacementKind.Suggested, (await snapshot.GetPlacementsAsync(["ent-gl"]))["ent-gl"].Single().Kind);
            Assert.Equal(PlacementKind.Suggested, Assert.Single((await snapshot.ReadAllAsync()).Placements).Kind);
        }
        catch (DataVersionGoneException gone)
        {
            Assert.Equal(snapshot.Version, gone.Version);
        }

        Assert.Equal(PlacementKind.Rejected, (await Store.GetPlacementsAsync(["ent-gl"]))["ent-gl"].Single().Kind);
    }

    [ContractFact]
    public async Task Reading_everything_gives_back_every_placement_record_and_a_dataset_import_writes_them_as_given()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl", "ent-ls"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"), Suggestion("ent-ls", "link-s-3", 0.5, "b2"));
        await Editor.DecidePlacementsAsync([new PlacementDecision("ent-gl", "link-s-1", PlacementKind.Confirmed), new PlacementDecision("ent-xt", "link-s-2", PlacementKind.Rejected)], Alice);
        var batch = await PlacementsOfAsync("ent-gl", "ent-ls", "ent-xt");

        var whole = await Store.ReadAllAsync();

        Assert.Equal(batch.Values.Select(Describe).Order(StringComparer.Ordinal), whole.Placements.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(3, whole.Placements.Count);

        // What export then import does: the whole dataset, placements included, into an empty store.
        await Store.ImportAsync(GraphDataset.Empty, ImportMode.Replace);
        Assert.Empty((await Store.ReadAllAsync()).Placements);
        var summary = await Store.ImportAsync(whole, ImportMode.Merge);
        Assert.Equal(3, summary.PlacementsAdded);
        Assert.Equal(whole.Placements.Select(Describe).Order(StringComparer.Ordinal), (await Store.ReadAllAsync()).Placements.Select(Describe).Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task A_replace_import_replaces_the_placements_with_the_dataset_s()
    {
        await LoadSampleAsync();
        var sample = Build();
        var first = Suggestion("ent-gl", "link-s-1", 0.6, "b1");
        await Store.ImportAsync(sample with { Placements = [first, Suggestion("ent-ls", "link-s-3", 0.5, "b2")] }, ImportMode.Replace);

        var summary = await Store.ImportAsync(sample with { Placements = [first with { Score = 0.7 }] }, ImportMode.Replace);

        Assert.Equal((0, 1, 1), (summary.PlacementsAdded, summary.PlacementsUpdated, summary.PlacementsRemoved));
        Assert.Equal([Describe(first with { Score = 0.7 })], (await Store.ReadAllAsync()).Placements.Select(Describe));
    }

    [ContractFact]
    public async Task Removing_an_enterprise_or_a_link_removes_its_placement_records()
    {
        await LoadSampleAsync();
        await SuggestAsync(["ent-gl", "ent-ls"], Suggestion("ent-gl", "link-s-1", 0.6, "b1"), Suggestion("ent-gl", "link-s-3", 0.4, "b1"), Suggestion("ent-ls", "link-s-3", 0.5, "b2"));
        await Editor.DecidePlacementsAsync([new PlacementDecision("ent-xt", "link-s-1", PlacementKind.Confirmed)], Alice);

        await Editor.DeleteEntityAsync("ent-gl", Alice);
        Assert.Empty(await Store.GetPlacementsAsync(["ent-gl"]));
        await Editor.DeleteEntityAsync("link-s-3", Alice);
        Assert.Empty(await Store.GetPlacementsAsync(["ent-ls"]));

        var sample = Build();
        var summary = await Store.ImportAsync(sample with
        {
            Entities = [.. sample.Entities.Where(entity => entity.Key is not ("ent-gl" or "link-s-3" or "ent-xt"))],
            Relationships = [.. sample.Relationships.Where(edge => edge.FromKey is not ("ent-gl" or "link-s-3" or "ent-xt") && edge.ToKey != "link-s-3")],
        }, ImportMode.Replace);
        Assert.Equal(1, summary.PlacementsRemoved);
        Assert.Empty((await Store.ReadAllAsync()).Placements);
    }

    private static List<string> Lines(GraphDataset graph) =>
    [
        .. new[]
        {
            graph.Entities.Select(entity => $"E {entity.Key} {entity.Name}"),
            graph.Facts.Select(fact => $"F {fact.EntityKey} {fact.Key} {fact.Value}"),
            graph.Relationships.Select(edge => $"R {edge.FromKey} {edge.Type} {edge.ToKey}"),
            graph.Placements.Select(record => "P " + Describe(record)),
        }.SelectMany(lines => lines).Order(StringComparer.Ordinal),
    ];
}
