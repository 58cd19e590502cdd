using Das.Engine.Sources;
using Das.Sources.Protocols;

namespace Das.Sources.PanStarrs;

/// <summary>One image file ps1filenames.py lists: its filter, its path on the image server, and its short name.</summary>
internal sealed record Ps1File(string Filter, string FileName, string? ShortName, string? Type);

/// <summary>
/// The answer of ps1filenames.py: a plain-text table, a header line of column names (at least <c>filter</c> and
/// <c>filename</c>; the service also sends projcell, subcell, ra, dec, mjd, type, shortname, badflag) and one line per
/// file, fields separated by blanks. A position outside the survey gives the header alone.
/// </summary>
internal static class Ps1FileList
{
    public static IReadOnlyList<Ps1File> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new SourceFailureException(SourceFailureKind.Format, "the service sent an empty file list");
        }
        var header = Split(lines[0]);
        int filter = Array.IndexOf(header, "filter"), fileName = Array.IndexOf(header, "filename");
        int shortName = Array.IndexOf(header, "shortname"), type = Array.IndexOf(header, "type");
        if (filter < 0 || fileName < 0)
        {
            throw new SourceFailureException(SourceFailureKind.Format,
                $"the file list has no 'filter' and 'filename' columns; it begins: {AnswerBody.Excerpt(System.Text.Encoding.UTF8.GetBytes(lines[0]))}");
        }
        var files = new List<Ps1File>(lines.Count - 1);
        for (int i = 1; i < lines.Count; i++)
        {
            var fields = Split(lines[i]);
            if (fields.Length != header.Length)
            {
                throw new SourceFailureException(SourceFailureKind.Format, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"line {i + 1} of the file list has {fields.Length} fields where the header names {header.Length}"));
            }
            files.Add(new Ps1File(fields[filter], fields[fileName], shortName >= 0 ? fields[shortName] : null, type >= 0 ? fields[type] : null));
        }
        return files;
    }

    private static string[] Split(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
