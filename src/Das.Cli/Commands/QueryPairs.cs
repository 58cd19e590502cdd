namespace Das.Cli.Commands;

/// <summary>
/// Command-line options as the key=value pairs of a web query (RA, DEC, CAT ...), so the CLI is read by the same
/// parser as the web app's links and reports the same messages. Options the user left out are not sent.
/// </summary>
internal sealed class QueryPairs : List<KeyValuePair<string, string?>>
{
    /// <summary>Adds KEY=value unless the option was not given.</summary>
    public void Add(string key, string? value)
    {
        if (value is not null)
        {
            Add(new KeyValuePair<string, string?>(key, value));
        }
    }

    /// <summary>Adds KEY=value once per value of a repeatable option.</summary>
    public void AddEach(string key, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(key, value);
        }
    }
}
