namespace IndustryGraph.Domain.Graph;

/// <summary>Tags the product itself reads (the others are labels for people).</summary>
public static class EntityTags
{
    /// <summary>An enterprise the register shows deregistered, revoked or moved away (注销, 吊销, 迁出): kept, never placed, never a candidate.</summary>
    public const string Inactive = "inactive";

    public static bool IsInactive(this Entity entity) => entity.Tags.Contains(Inactive);
}
