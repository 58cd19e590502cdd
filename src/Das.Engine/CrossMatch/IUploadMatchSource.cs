using Das.Engine.Sources;

namespace Das.Engine.CrossMatch;

/// <summary>
/// A source that can cross-match a list of positions on the archive's side (a TAP upload joined to its table), so a
/// large list or a table spread over the sky is matched without fetching the archive's table.
/// </summary>
public interface IUploadMatchSource : IDataSource
{
    /// <summary>True when this source's configuration allows an upload match (a TAP table, not an ADQL template).</summary>
    bool CanMatchUploads { get; }

    /// <summary>
    /// Builds the request (pure, no I/O) that uploads <see cref="UploadMatch.Positions"/> and returns every row of the
    /// source's table within the radius of an uploaded position. The answer's first column is the uploaded row number
    /// (<see cref="UploadMatch.RowColumn"/>), then a distance column, then the table's columns.
    /// </summary>
    SourceRequest PlanUploadMatch(UploadMatch match);
}
