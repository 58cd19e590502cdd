namespace Das.Browser.Tests.Samp;

/// <summary>
/// The SAMP tests share one fixed port, the Web Profile's 21012, so they never run in parallel with each other (the
/// browser tests already run one at a time; this keeps it so if that ever changes).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SampHubPort
{
    public const string Name = "SAMP hub on port 21012";
}
