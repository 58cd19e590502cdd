using System.Runtime;
using Das.Cli;

StartJitProfile(args);
return await DasCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);

// The CLI runs without tiered compilation, so its hot loops (the parsers', the cross-match's) are compiled, optimised,
// at their first call on the thread that needs them. The runtime's multicore JIT records what a command compiled and,
// the next time the same command runs, compiles it on another core while this one parses its arguments and reads the
// file's header. One profile per command (its first two words) and kind of input file (a BINARY, BINARY2 or TABLEDATA
// VOTable, other XML, text: each is read by other code, and a profile recorded on one made the next command compile
// the wrong parser in the background), kept beside das.dll; where that folder cannot be written the runtime simply
// does without.
static void StartJitProfile(string[] args)
{
    var words = args.TakeWhile(a => !a.StartsWith('-')).Take(2).Where(w => w.All(char.IsAsciiLetter)).ToArray();
    if (words.Length == 0)
    {
        return;
    }
    try
    {
        string root = Path.Combine(AppContext.BaseDirectory, "jit-profiles");
        Directory.CreateDirectory(root);
        ProfileOptimization.SetProfileRoot(root);
        string? input = args.Skip(words.Length).FirstOrDefault(a => !a.StartsWith('-') && File.Exists(a));
        string kind = input is null ? "" : "-" + InputKind(input);
        ProfileOptimization.StartProfile(string.Join('-', words).ToLowerInvariant() + kind + ".jitprofile");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        // A read-only installation: no profile, the command runs as before.
    }
}

// What the start of a file says it holds, for the profile's name: a look at its first 64 KiB (VOTable headers are
// smaller as a rule; a longer one is "xml").
static string InputKind(string path)
{
    var head = new byte[64 * 1024];
    int n;
    using (var file = File.OpenRead(path))
    {
        n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
    }
    var text = head.AsSpan(0, n);
    if (text.IndexOf("BINARY2"u8) >= 0)
    {
        return "binary2";
    }
    if (text.IndexOf("BINARY"u8) >= 0)
    {
        return "binary";
    }
    if (text.IndexOf("TABLEDATA"u8) >= 0)
    {
        return "tabledata";
    }
    return text.TrimStart(" \t\r\n\uFEFF"u8).StartsWith("<"u8) ? "xml" : "text";
}
