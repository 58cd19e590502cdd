using System.Runtime;
using Das.Cli;

StartJitProfile(args);
return await DasCli.Build().Parse(args).InvokeAsync().ConfigureAwait(false);

// The CLI runs without tiered compilation, so its hot loops (the parsers', the cross-match's) are compiled, optimised,
// at their first call on the thread that needs them. The runtime's multicore JIT records what a command compiled and,
// the next time the same command runs, compiles it on another core while this one parses its arguments and reads the
// file's header. One profile per command (its first two words), kept beside das.dll; where that folder cannot be
// written the runtime simply does without.
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
        ProfileOptimization.StartProfile(string.Join('-', words).ToLowerInvariant() + ".jitprofile");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        // A read-only installation: no profile, the command runs as before.
    }
}
