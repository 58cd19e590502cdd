namespace Das.Sources.Catalog;

/// <summary>Values a definition gets when it does not say.</summary>
public static class SourceDefaults
{
    /// <summary>Row limit.</summary>
    public const long MaxRows = 2000;

    /// <summary>Time budget, seconds.</summary>
    public const double BudgetSeconds = 30;

    /// <summary>Cache lifetime, hours.</summary>
    public const double CacheHours = 24;

    /// <summary>Largest answer read, MiB.</summary>
    public const double MaxMegabytes = 256;
}
