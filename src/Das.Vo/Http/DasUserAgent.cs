using System.Reflection;

namespace Das.Vo.Http;

/// <summary>
/// The User-Agent Das sends: an IVOA "softid" (IVOA Note on User-Agent usage) naming Das and its version, and the
/// purpose: <c>IVOA-science</c> for real use, <c>IVOA-test</c> from test suites so archives can discount it.
/// </summary>
public static class DasUserAgent
{
    /// <summary>Das's version, from the assembly.</summary>
    public static string Version { get; } =
        typeof(DasUserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The header value for real science use.</summary>
    public static string Science => $"Das/{Version} (IVOA-science)";

    /// <summary>The header value tests send.</summary>
    public static string Test => $"Das/{Version} (IVOA-test)";
}
