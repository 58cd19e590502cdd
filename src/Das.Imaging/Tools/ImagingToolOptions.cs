namespace Das.Imaging.Tools;

/// <summary>Where the external imaging tools are: configuration section <c>Das:Imaging:Tools</c>.</summary>
public sealed record ImagingToolOptions
{
    /// <summary>The Java runtime that runs Hipsgen: a path, or a name looked up in PATH. Default <c>java</c>.</summary>
    public string Java { get; init; } = "java";

    /// <summary>Aladin's jar, which holds Hipsgen. Default <c>/usr/share/java/aladin.jar</c> (Debian package aladin).</summary>
    public string AladinJar { get; init; } = "/usr/share/java/aladin.jar";

    /// <summary>The folder holding Montage's programs (mImgtbl, mMakeHdr, mProjectPP, mAdd, mViewer); null to look them up in PATH (Debian: /usr/bin).</summary>
    public string? MontageDirectory { get; init; }

    /// <summary>Hipsgen's Java heap limit (the -Xmx value, e.g. <c>2g</c>); null for Java's default (a quarter of the memory).</summary>
    public string? JavaMaxHeap { get; init; }

    /// <summary>How Hipsgen is installed, for the message when Java or the jar is missing.</summary>
    public const string HipsgenInstallHint = "Hipsgen needs Java and the Debian package aladin: apt-get install aladin default-jre-headless";

    /// <summary>How Montage is installed, for the message when one of its programs is missing.</summary>
    public const string MontageInstallHint = "Mosaics need Montage, the Debian package montage: apt-get install montage";

    /// <summary>The path or name of one Montage program.</summary>
    public string Montage(string program) => MontageDirectory is { Length: > 0 } dir ? Path.Combine(dir, program) : program;
}
