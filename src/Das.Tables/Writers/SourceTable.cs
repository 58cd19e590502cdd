using Das.Tables.Model;

namespace Das.Tables.Writers;

/// <summary>
/// One source's part of a multi-source answer, as written by every writer's multi-table form: the VOTable
/// RESOURCE per source (<see cref="MultiSourceDocument"/>), one sheet per source in XLSX, one entry in JSON.
/// </summary>
public sealed record SourceTable
{
    /// <summary>The source id (e.g. <c>vizier-2mass</c>); the RESOURCE <c>name</c>, the sheet name and the JSON <c>source</c>.</summary>
    public required string SourceId { get; init; }

    /// <summary>The rows the source returned; null when it failed before returning a table.</summary>
    public Table? Table { get; init; }

    /// <summary>The outcome written as QUERY_STATUS: <see cref="QueryStatus.Ok"/>, <see cref="QueryStatus.Overflow"/> or <see cref="QueryStatus.Error"/>.</summary>
    /// <value>Default <see cref="QueryStatus.Ok"/>; a truncated table without an explicit status is written as OVERFLOW.</value>
    public QueryStatus Status { get; init; } = QueryStatus.Ok;

    /// <summary>The message for the user (the QUERY_STATUS text), e.g. the service's error in its own words.</summary>
    public string? Message { get; init; }

    /// <summary>A human description of the source (RESOURCE DESCRIPTION).</summary>
    public string? Description { get; init; }

    /// <summary>Provenance and diagnostics as INFOs (service URL, request sent, elapsed time, row cap...).</summary>
    public IReadOnlyList<Info> Infos { get; init; } = [];

    /// <summary>The QUERY_STATUS value text: OK, OVERFLOW or ERROR.</summary>
    public string StatusText => Status switch
    {
        QueryStatus.Error => "ERROR",
        QueryStatus.Overflow => "OVERFLOW",
        _ when Table?.IsTruncated == true => "OVERFLOW",
        _ => "OK",
    };

    /// <summary>The QUERY_STATUS message: <see cref="Message"/>, else the table's truncation message.</summary>
    public string? StatusMessage => Message ?? Table?.Truncation?.Message;
}
