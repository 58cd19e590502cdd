using System.Text;

namespace Das.Vo.Tests.Adql;

/// <summary>
/// A small ADQL lexer written for the tests, independent of the builder, to check what a service would see:
/// which tokens a generated query has.
/// </summary>
internal static class AdqlTokenizer
{
    public enum Kind { Word, Delimited, String, Number, Punct, Comment }

    public readonly record struct Token(Kind Kind, string Value);

    public static List<Token> Tokenize(string adql)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < adql.Length)
        {
            char c = adql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < adql.Length && adql[i + 1] == '-')
            {
                int end = adql.IndexOf('\n', i);
                end = end < 0 ? adql.Length : end;
                tokens.Add(new(Kind.Comment, adql[i..end]));
                i = end;
            }
            else if (c == '/' && i + 1 < adql.Length && adql[i + 1] == '*')
            {
                int end = adql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? adql.Length : end + 2;
                tokens.Add(new(Kind.Comment, adql[i..end]));
                i = end;
            }
            else if (c is '\'' or '"')
            {
                var sb = new StringBuilder();
                int j = i + 1;
                while (true)
                {
                    if (j >= adql.Length)
                    {
                        throw new FormatException($"unterminated quote from {i}");
                    }
                    if (adql[j] == c)
                    {
                        if (j + 1 < adql.Length && adql[j + 1] == c)
                        {
                            sb.Append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.Append(adql[j++]);
                }
                tokens.Add(new(c == '\'' ? Kind.String : Kind.Delimited, sb.ToString()));
                i = j + 1;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < adql.Length && char.IsAsciiDigit(adql[i + 1])))
            {
                int j = i;
                while (j < adql.Length && (char.IsAsciiDigit(adql[j]) || adql[j] == '.'))
                {
                    j++;
                }
                if (j < adql.Length && adql[j] is 'e' or 'E')
                {
                    j++;
                    if (j < adql.Length && adql[j] is '+' or '-')
                    {
                        j++;
                    }
                    while (j < adql.Length && char.IsAsciiDigit(adql[j]))
                    {
                        j++;
                    }
                }
                tokens.Add(new(Kind.Number, adql[i..j]));
                i = j;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                int j = i;
                while (j < adql.Length && (char.IsAsciiLetterOrDigit(adql[j]) || adql[j] == '_'))
                {
                    j++;
                }
                tokens.Add(new(Kind.Word, adql[i..j]));
                i = j;
            }
            else
            {
                int len = i + 1 < adql.Length && adql.Substring(i, 2) is "<=" or ">=" or "<>" or "!=" or "||" ? 2 : 1;
                tokens.Add(new(Kind.Punct, adql.Substring(i, len)));
                i += len;
            }
        }
        return tokens;
    }
}
