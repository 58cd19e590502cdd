namespace Das.Tables.Model;

/// <summary>What made a table incomplete.</summary>
public enum TruncationReason
{
    /// <summary>The service said QUERY_STATUS=OVERFLOW (it stopped at MAXREC).</summary>
    ServiceOverflow,
    /// <summary>The reader's row cap was reached.</summary>
    RowCap,
    /// <summary>The reader's byte cap was reached.</summary>
    ByteCap,
    /// <summary>The document ended early (connection dropped, file cut): rows read so far are kept.</summary>
    DocumentEndedEarly,
    /// <summary>The data could not be decoded past some point (bad base64, bad stream).</summary>
    DataError,
}
