namespace Das.Vo.Adql;

/// <summary>
/// A piece of ADQL that only this library can make: a typed literal, a checked identifier, or a rendered
/// template. There is deliberately no conversion from <see cref="string"/>, so user text can never be pasted
/// into a query; it has to go through <see cref="AdqlLiteral"/> or <see cref="AdqlIdentifier"/>.
/// </summary>
public readonly record struct AdqlFragment
{
    internal AdqlFragment(string text) => Text = text;

    /// <summary>The ADQL text.</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override string ToString() => Text ?? string.Empty;
}
