namespace Das.Imaging.Hips;

/// <summary>One input image of a cached HiPS: its name when built, its size and the sha256 of its bytes.</summary>
public sealed record HipsInputFile(string Name, long Bytes, string Sha256);
