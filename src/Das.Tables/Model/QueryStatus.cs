namespace Das.Tables.Model;

/// <summary>The value of a QUERY_STATUS INFO (DALI 1.1 section 4.4), or <see cref="Absent"/>.</summary>
public enum QueryStatus
{
    /// <summary>No QUERY_STATUS INFO was found.</summary>
    Absent,
    /// <summary><c>OK</c>: the query succeeded.</summary>
    Ok,
    /// <summary><c>ERROR</c>: the query failed; the INFO text says why.</summary>
    Error,
    /// <summary><c>OVERFLOW</c>: the result was cut at MAXREC; the table is incomplete.</summary>
    Overflow,
    /// <summary>A value other than OK, ERROR or OVERFLOW.</summary>
    Unknown,
}
