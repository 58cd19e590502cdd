using System.Globalization;
using System.Text;

namespace Das.Vo.Tests.Adql;

/// <summary>Loads Fixtures/injection-corpus.txt, decoding its escapes.</summary>
internal static class InjectionCorpus
{
    public static TheoryData<string> All()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Adql", "Fixtures", "injection-corpus.txt");
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            data.Add(Decode(line));
        }
        return data;
    }

    private static string Decode(string line)
    {
        if (line.StartsWith("{LONG:", StringComparison.Ordinal))
        {
            var parts = line[6..^1].Split(':');
            return new string(parts[0][0], int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        var sb = new StringBuilder();
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 >= line.Length)
            {
                sb.Append(line[i]);
                continue;
            }
            char n = line[++i];
            switch (n)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                case 'u':
                    sb.Append((char)int.Parse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: sb.Append('\\').Append(n); break;
            }
        }
        return sb.ToString();
    }
}
