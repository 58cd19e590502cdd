namespace Das.Vo.Http;

/// <summary>A table sent with a TAP request (UPLOAD=name,param:name): a VOTable in a multipart part.</summary>
/// <param name="Name">The table name the ADQL refers to as TAP_UPLOAD.name.</param>
/// <param name="Content">The VOTable bytes.</param>
public sealed record VoUpload(string Name, ReadOnlyMemory<byte> Content);
