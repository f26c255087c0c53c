using System.Globalization;
using IndustryGraph.Domain.Graph;
using IndustryGraph.Domain.Placements;

namespace IndustryGraph.Domain.Register;

/// <summary>What the store holds of an enterprise a register row names: the entity, its facts, and the districts it is LOCATED_IN.</summary>
public sealed record StoredEnterprise(Entity Entity, IReadOnlyList<Fact> Facts, IReadOnlyCollection<string> LocatedIn);

/// <summary>
/// What one register row adds to the graph, to be merged by the store's import (a merge replaces the facts of
/// each (entity, key) it brings, so a group is given whole: the stored facts and the new one).
/// <see cref="Entity"/> is null when the stored one is unchanged.
/// </summary>
public sealed record RegisterChange(
    Entity? Entity,
    Relationship? LocatedIn,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<PlacementRecord> Placements,
    bool Added,
    bool Updated,
    bool BecameInactive);

/// <summary>
/// Maps register rows to the graph as <c>seed/README.md</c> models it: an ENTERPRISE keyed by its credit code,
/// 曾用名 as aliases, a tag <see cref="InactiveTag"/> while 登记状态 says it is not operating, LOCATED_IN its
/// district, and snake_case facts, every one traced to the row of the register file (a source document).
/// Figures are dated: 参保人数 by its 年报 year, the others by the import's date; a figure equal to the latest
/// stored one adds nothing, a changed one adds a new dated fact and keeps the old.
/// </summary>
public sealed class RegisterMapping(string documentKey, string asOf, Func<string, bool> districtExists, IPlacementSuggester? suggester)
{
    public const string InactiveTag = "inactive";

    public static class FactKeys
    {
        public const string RegistrationStatus = "registration_status";
        public const string LegalRepresentative = "legal_representative";
        public const string Founded = "founded";
        public const string RegisteredCapital = "registered_capital";
        public const string Address = "address";
        public const string IndustryCode = "industry_code";
        public const string BusinessScope = "business_scope";
        public const string InsuredStaff = "insured_staff";
        public const string DistrictCode = "district_code";
    }

    /// <summary>The source document standing for the register file, as <c>sources.csv</c> would hold it.</summary>
    public static Entity Document(string key, string title) =>
        new(key, EntityKind.SourceDocument, title, [key], [], [new SourceRef(key, null, false, null)]);

    public RegisterChange Map(RegisterEntry entry, StoredEnterprise? stored)
    {
        var source = SourceRef.FromDocument(documentKey, entry.Row);
        IReadOnlyList<SourceRef> sources = [source];
        var entity = MapEntity(entry, stored, sources);
        var districtKey = entry.District.District?.EntityKey is { } key && districtExists(key) ? key : null;
        var locatedIn = districtKey is not null && (stored is null || !stored.LocatedIn.Contains(districtKey))
            ? new Relationship(entry.CreditCode, RelationshipTypes.LocatedIn, districtKey, sources)
            : null;
        var facts = new List<Fact>();
        foreach (var candidate in Candidates(entry, sources))
        {
            AddIfChanged(candidate, stored?.Facts, facts);
        }

        var placements = new List<PlacementRecord>();
        if (entry.Active && suggester is not null)
        {
            var description = new EnterpriseDescription(entry.Name, entry.Industry?.Code, entry.BusinessScope);
            var basis = description.Basis;
            foreach (var suggestion in suggester.Suggest(description))
            {
                placements.Add(new PlacementRecord(entry.CreditCode, suggestion.LinkKey, PlacementKind.Suggested, suggestion.Score, suggestion.Evidence) { Basis = basis });
            }
        }

        var wasInactive = stored?.Entity.Tags.Contains(InactiveTag) ?? false;
        return new RegisterChange(entity, locatedIn, facts, placements,
            Added: stored is null,
            Updated: stored is not null && (entity is not null || locatedIn is not null || facts.Count > 0),
            BecameInactive: !entry.Active && (stored is null || !wasInactive));
    }

    private static Entity? MapEntity(RegisterEntry entry, StoredEnterprise? stored, IReadOnlyList<SourceRef> sources)
    {
        if (stored is null)
        {
            return new Entity(entry.CreditCode, EntityKind.Enterprise, entry.Name, entry.FormerNames, entry.Active ? [] : [InactiveTag], sources);
        }

        var before = stored.Entity;
        // A renamed enterprise keeps its old name as an alias; nothing a planner or an article gave is dropped.
        var aliases = before.Aliases
            .Concat(entry.FormerNames)
            .Append(before.Name)
            .Where(alias => alias != entry.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var tags = before.Tags.Where(tag => tag != InactiveTag).ToList();
        if (!entry.Active)
        {
            tags.Add(InactiveTag);
        }

        if (before.Name == entry.Name && aliases.SequenceEqual(before.Aliases) && tags.SequenceEqual(before.Tags))
        {
            return null;
        }

        return before with { Name = entry.Name, Aliases = aliases, Tags = tags, Sources = [.. before.Sources.Union(sources)] };
    }

    private IEnumerable<Fact> Candidates(RegisterEntry entry, IReadOnlyList<SourceRef> sources)
    {
        Fact Text(string key, string value, string? at) => new(entry.CreditCode, key, value, null, null, at, sources);

        if (entry.Status.Length > 0)
        {
            yield return Text(FactKeys.RegistrationStatus, entry.Status, asOf);
        }

        if (entry.LegalRepresentative.Length > 0 && !RegisterValues.IsBlank(entry.LegalRepresentative))
        {
            yield return Text(FactKeys.LegalRepresentative, entry.LegalRepresentative, asOf);
        }

        if (entry.Founded is { } founded)
        {
            yield return Text(FactKeys.Founded, founded, null);
        }

        if (entry.CapitalText.Length > 0 && !RegisterValues.IsBlank(entry.CapitalText))
        {
            yield return new Fact(entry.CreditCode, FactKeys.RegisteredCapital, entry.CapitalText, entry.Capital?.Number, entry.Capital?.Unit, asOf, sources);
        }

        if (entry.Address.Length > 0 && !RegisterValues.IsBlank(entry.Address))
        {
            yield return Text(FactKeys.Address, entry.Address, asOf);
        }

        if (entry.Industry is { } industry)
        {
            // The name is the shipped table's (seed/reference); the code alone is kept, as one fact per figure.
            yield return Text(FactKeys.IndustryCode, industry.Code, asOf);
        }

        if (entry.BusinessScope.Length > 0 && !RegisterValues.IsBlank(entry.BusinessScope))
        {
            yield return Text(FactKeys.BusinessScope, entry.BusinessScope, asOf);
        }

        if (entry.InsuredStaff is { } staff)
        {
            yield return new Fact(entry.CreditCode, FactKeys.InsuredStaff, staff.ToString(CultureInfo.InvariantCulture), staff, "人", entry.InsuredStaffYear ?? asOf, sources);
        }

        if (entry.District.District?.Code is { } code)
        {
            yield return Text(FactKeys.DistrictCode, code, asOf);
        }
    }

    /// <summary>
    /// Adds the candidate's whole group to <paramref name="facts"/> when it changes something: the stored facts of
    /// its key (but one of the same date, which it replaces) and the candidate. Nothing when a stored fact of the
    /// same date says the same, or, for a figure dated by the import, when the latest stored one does.
    /// </summary>
    private void AddIfChanged(Fact candidate, IReadOnlyList<Fact>? stored, List<Fact> facts)
    {
        var group = stored?.Where(fact => fact.Key == candidate.Key).ToList() ?? [];
        if (group.Any(fact => fact.AsOf == candidate.AsOf && SameFigure(fact, candidate)))
        {
            return;
        }

        if (candidate.AsOf == asOf && group.Count > 0
            && group.MaxBy(fact => fact.AsOf ?? "", StringComparer.Ordinal) is { } latest && SameFigure(latest, candidate))
        {
            return;
        }

        facts.AddRange(group.Where(fact => fact.AsOf != candidate.AsOf));
        facts.Add(candidate);
    }

    private static bool SameFigure(Fact a, Fact b) => a.Value == b.Value && a.Number == b.Number && a.Unit == b.Unit;
}
