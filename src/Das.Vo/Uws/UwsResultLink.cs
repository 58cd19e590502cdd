namespace Das.Vo.Uws;

/// <summary>A result of a UWS job: its id (TAP: "result") and where to fetch it.</summary>
/// <param name="Id">The result's id attribute.</param>
/// <param name="Href">The xlink:href, absolute or relative to the job URL.</param>
public sealed record UwsResultLink(string Id, string? Href);
