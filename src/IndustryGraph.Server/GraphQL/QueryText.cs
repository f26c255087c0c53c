using GraphQL;
using GraphQLParser;
using GraphQLParser.Exceptions;

namespace IndustryGraph.Server.GraphQL;

/// <summary>
/// Keeps the parser's error messages cheap. The parser builds the message of a syntax error by padding one space
/// at a time up to the error's column, so its cost grows with the square of the line: one 250 KB line takes
/// minutes. A query whose lines are short goes to the parser as is. A longer line is broken, for a first parse,
/// at whitespace and commas outside strings and comments (ignored tokens in GraphQL, so the document means the
/// same); an error found there is reported at its place in the text sent. What cannot be broken (a string, a
/// name or a comment longer than <see cref="GraphQLLimits.MaxQueryLineChars"/>) is refused.
/// </summary>
public static class QueryText
{
    /// <summary>Where a long line is broken (at the next ignored character).</summary>
    private const int BreakAfter = 200;

    /// <summary>Null when the engine may parse the query itself; otherwise the error to answer with.</summary>
    public static ExecutionError? Check(string query, int maxLineChars)
    {
        if (LongestLine(query).Length <= maxLineChars)
        {
            return null;
        }

        var broken = BreakLongLines(query);
        var (longest, start) = LongestLine(broken);
        if (longest > maxLineChars)
        {
            return new ApiError(ErrorCodes.QueryLineTooLong,
                $"the query has {longest} characters on end without a place to break the line (a string, a name or a comment, from character {start + 1}), more than the limit of {maxLineChars}: pass long values as variables");
        }

        try
        {
            Parser.Parse(broken, new ParserOptions { Ignore = IgnoreOptions.All });
            return null;
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return new ApiError(ErrorCodes.QueryTooDeep, "the document nests deeper than the parser allows: flatten the query or its values");
        }
        catch (GraphQLParserException exception)
        {
            // Offsets are the same in both texts, only the line breaks differ.
            var offset = OffsetOf(broken, exception.Location.Line, exception.Location.Column);
            var location = Location.FromLinearPosition(query, offset);
            var error = new ApiError(ErrorCodes.ParseFailed, $"Error parsing query: {exception.Description}");
            error.AddLocation(location);
            return error;
        }
    }

    /// <summary>The length of the longest line and the offset where it starts.</summary>
    private static (int Length, int Start) LongestLine(string text)
    {
        var (longest, longestStart, start) = (0, 0, 0);
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '\n' or '\r')
            {
                if (i - start > longest)
                {
                    (longest, longestStart) = (i - start, start);
                }

                start = i + 1;
            }
        }

        return (longest, longestStart);
    }

    private enum Lexing
    {
        Tokens,
        String,
        BlockString,
        Comment,
    }

    /// <summary>The text with a line break in place of the first ignored character after every <see cref="BreakAfter"/> characters of a line.</summary>
    private static string BreakLongLines(string text)
    {
        var chars = text.ToCharArray();
        var (state, column) = (Lexing.Tokens, 0);
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            column = c is '\n' or '\r' ? 0 : column + 1;
            switch (state)
            {
                case Lexing.Tokens when c == '#':
                    state = Lexing.Comment;
                    break;
                case Lexing.Tokens when c == '"' && i + 2 < chars.Length && chars[i + 1] == '"' && chars[i + 2] == '"':
                    state = Lexing.BlockString;
                    i += 2;
                    break;
                case Lexing.Tokens when c == '"':
                    state = Lexing.String;
                    break;
                case Lexing.Tokens when c is ' ' or ',' or '\t' && column > BreakAfter:
                    chars[i] = '\n';
                    column = 0;
                    break;
                case Lexing.String when c == '\\':
                    i++;
                    break;
                case Lexing.String or Lexing.Comment when c is '\n' or '\r':
                case Lexing.String when c == '"':
                    state = Lexing.Tokens;
                    break;
                case Lexing.BlockString when c == '\\' && Follows(chars, i + 1, "\"\"\""):
                    i += 3;
                    break;
                case Lexing.BlockString when c == '"' && Follows(chars, i, "\"\"\""):
                    state = Lexing.Tokens;
                    i += 2;
                    break;
            }
        }

        return new string(chars);
    }

    private static bool Follows(char[] chars, int at, string expected) =>
        at + expected.Length <= chars.Length && chars.AsSpan(at, expected.Length).SequenceEqual(expected);

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line && offset < text.Length; offset++)
        {
            if (text[offset] == '\n' || (text[offset] == '\r' && (offset + 1 >= text.Length || text[offset + 1] != '\n')))
            {
                current++;
            }
        }

        return Math.Min(text.Length, offset + column - 1);
    }
}
