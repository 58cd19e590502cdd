namespace Das.Vo.Vosi;

/// <summary>One capability of a service as VOSI describes it.</summary>
public sealed record VosiCapability
{
    /// <summary>The standardID (e.g. ivo://ivoa.net/std/TAP); null for a non-standard capability such as a web form (DaCHS sends those).</summary>
    public string? StandardId { get; init; }
    /// <summary>The xsi:type, e.g. tr:TableAccess.</summary>
    public string? Type { get; init; }
    /// <summary>The interfaces.</summary>
    public IReadOnlyList<VosiInterface> Interfaces { get; init; } = [];
    /// <summary>TAP: query languages as "NAME version" (e.g. "ADQL 2.1").</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>TAP: output format MIME types.</summary>
    public IReadOnlyList<string> OutputFormats { get; init; } = [];
    /// <summary>TAP: upload method ivo-ids.</summary>
    public IReadOnlyList<string> UploadMethods { get; init; } = [];
    /// <summary>TAP: the default output limit in rows, when stated.</summary>
    public long? DefaultOutputLimit { get; init; }
    /// <summary>TAP: the hard output limit in rows, when stated.</summary>
    public long? HardOutputLimit { get; init; }

    /// <summary>The first standard interface's access URL (role="std"), or the first interface's.</summary>
    public string? StandardAccessUrl
    {
        get
        {
            VosiInterface? chosen = null;
            foreach (var candidate in Interfaces)
            {
                if (string.Equals(candidate.Role, "std", StringComparison.OrdinalIgnoreCase))
                {
                    chosen = candidate;
                    break;
                }
                chosen ??= candidate;
            }
            return chosen is { AccessUrls.Count: > 0 } ? chosen.AccessUrls[0] : null;
        }
    }
}
