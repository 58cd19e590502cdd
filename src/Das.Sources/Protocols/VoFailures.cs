using Das.Engine.Sources;
using Das.Vo.Errors;

namespace Das.Sources.Protocols;

/// <summary>The VO client's error tree, as the engine's failure kinds; the message is the client's own sentence.</summary>
internal static class VoFailures
{
    public static SourceFailureException ToSourceFailure(VoException ex) => new(ex.Kind switch
    {
        VoFailureKind.Transport => SourceFailureKind.Transport,
        VoFailureKind.Timeout => SourceFailureKind.Timeout,
        VoFailureKind.Http => SourceFailureKind.Http,
        VoFailureKind.Format => SourceFailureKind.Format,
        VoFailureKind.Query => SourceFailureKind.Query,
        _ => SourceFailureKind.Internal,
    }, ex.Reason, ex.IsTransient, ex);

    public static SourceFailureException BadInput(ArgumentException ex) => new(SourceFailureKind.Input, ex.Message, false, ex);
}
