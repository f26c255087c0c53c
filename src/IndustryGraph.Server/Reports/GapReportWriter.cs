using IndustryGraph.Domain.Analysis;
using IndustryGraph.Server.Transfer;
using MiniExcelLibs;

namespace IndustryGraph.Server.Reports;

public enum GapReportFormat
{
    Xlsx,
    Csv,
}

/// <summary>Writes a <see cref="GapReport"/> as XLSX (MiniExcel) or as CSV with a byte-order mark.</summary>
public static class GapReportWriter
{
    public static string ContentType(GapReportFormat format) => format == GapReportFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    public static string FileName(GapReport report, GapReportFormat format) =>
        $"招商清单-{report.Chain}-{report.Scope}.{format.ToString().ToLowerInvariant()}";

    public static void Write(GapReport report, GapReportFormat format, AnalysisLanguage language, Stream output)
    {
        var columns = GapReport.Columns(language);
        if (format == GapReportFormat.Csv)
        {
            using var csv = new CsvFileWriter(output, leaveOpen: true, [.. columns]);
            foreach (var row in report.Rows)
            {
                csv.WriteRow(report.Cells(row));
            }

            return;
        }

        var rows = report.Rows.Select(row =>
        {
            var cells = report.Cells(row);
            var values = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                // The score stays a number in Excel, so a planner can sort and filter by it.
                values[columns[i]] = i == GapReport.ScoreColumn ? row.Score : cells[i];
            }

            return values;
        });
        output.SaveAs(rows, sheetName: language == AnalysisLanguage.Chinese ? "招商清单" : "gaps");
    }

    public static bool TryParseFormat(string? text, out GapReportFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _);

    /// <summary>`lang=` first, else the Accept-Language header read as the analysis texts read it; Chinese when neither is given.</summary>
    public static AnalysisLanguage LanguageOf(string? lang, string? acceptLanguage) =>
        lang is not null ? (lang.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? AnalysisLanguage.English : AnalysisLanguage.Chinese)
        : string.IsNullOrWhiteSpace(acceptLanguage) ? AnalysisLanguage.Chinese
        : AnalysisText.FromAcceptLanguage(acceptLanguage);
}
