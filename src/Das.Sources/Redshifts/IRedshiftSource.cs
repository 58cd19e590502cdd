namespace Das.Sources.Redshifts;

/// <summary>A source whose answers are already <see cref="RedshiftTable"/>s (it normalises them itself).</summary>
internal interface IRedshiftSource;
