using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using IndustryGraph.Domain.Analysis;
using IndustryGraph.Domain.Graph;

namespace IndustryGraph.Server.Vocabulary;

/// <summary>The `label` fields beside keys: the key's word in the request's language, Chinese unless it asks otherwise.</summary>
public static class LabelFields
{
    public const string LanguageHelp = "In the request's language: Chinese unless Accept-Language ranks English first.";

    /// <summary>The language labels speak: Chinese when the request sends no Accept-Language, else the one it ranks first.</summary>
    public static AnalysisLanguage LabelLanguage(this IResolveFieldContext context)
    {
        var header = context.RequestServices?.GetService<IHttpContextAccessor>()?.HttpContext?.Request.Headers.AcceptLanguage.ToString();
        return string.IsNullOrWhiteSpace(header) ? AnalysisLanguage.Chinese : AnalysisText.FromAcceptLanguage(header);
    }

    public static string Label(this IResolveFieldContext context, VocabularySection section, string key) =>
        Vocabulary.Shipped.Label(section, key, context.LabelLanguage());

    public static string StatusLabel(this IResolveFieldContext context, LinkStatus status) =>
        context.Label(VocabularySection.Statuses, status.ToString().ToUpperInvariant());

    public static string SegmentLabel(this IResolveFieldContext context, Segment segment) =>
        context.Label(VocabularySection.Segments, segment.ToCode());

    /// <summary>A free text of the data (a note, a period) in the request's language where a Chinese text is written.</summary>
    public static string? TextIn(this IResolveFieldContext context, string? text) => Vocabulary.Shipped.Text(text, context.LabelLanguage());

    /// <summary>Declares a non-null String label field beside a key.</summary>
    public static FieldBuilder<TSource, string> LabelField<TSource>(this ObjectGraphType<TSource> type, string name, string what, Func<IResolveFieldContext<TSource>, string> resolve) =>
        type.Field<NonNullGraphType<StringGraphType>, string>(name).Description($"{what} {LanguageHelp}").Resolve(resolve);
}
