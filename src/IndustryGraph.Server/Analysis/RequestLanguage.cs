using GraphQL;
using IndustryGraph.Domain.Analysis;

namespace IndustryGraph.Server.Analysis;

/// <summary>
/// The language a request asks analysis to speak (rules, score reasons, errors): Chinese for an Accept-Language
/// of zh (zh-CN, zh-Hans, ...), English otherwise. Answers are cached without it; only their wording depends on it.
/// </summary>
public sealed class RequestLanguage(IHttpContextAccessor accessor)
{
    private AnalysisText? text;

    public AnalysisText Text => text ??= AnalysisText.For(AnalysisText.FromAcceptLanguage(accessor.HttpContext?.Request.Headers.AcceptLanguage.ToString()));
}

public static class RequestLanguageExtensions
{
    /// <summary>The wording for this request; English outside an HTTP request.</summary>
    public static AnalysisText Text(this IResolveFieldContext context) =>
        context.RequestServices?.GetService<RequestLanguage>()?.Text ?? AnalysisText.English;
}
