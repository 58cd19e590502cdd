using Das.Engine.Access;

namespace Das.Jobs.Running;

/// <summary>The owner scope of jobs a caller creates and may see: "user:NAME" when signed in, else "anonymous".</summary>
public static class JobOwner
{
    /// <summary>The owner scope of this caller.</summary>
    public static string Of(AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.User is { Length: > 0 } user ? "user:" + user : "anonymous";
    }
}
