namespace IndustryGraph.Domain.Register;

/// <summary>What 登记状态 says about an enterprise: still operating, or not any more.</summary>
public static class RegistrationStatus
{
    // 吊销，未注销 and 注销 both mean the business is gone; checked before the active words, which the longer
    // texts of a deregistration (在业 is never among them) do not hold.
    private static readonly string[] InactiveWords = ["注销", "吊销", "迁出", "撤销", "停业", "清算", "歇业", "责令关闭"];

    private static readonly string[] ActiveWords = ["存续", "在业", "开业", "在营", "正常", "迁入"];

    /// <summary>True when operating, false when not, null when the text is none of the known statuses (or empty).</summary>
    public static bool? IsActive(string status)
    {
        if (InactiveWords.Any(word => status.Contains(word, StringComparison.Ordinal)))
        {
            return false;
        }

        return ActiveWords.Any(word => status.Contains(word, StringComparison.Ordinal)) ? true : null;
    }
}
