using Das.Sky.Positions;

namespace Das.Sky.Parsing;

/// <summary>The outcome of parsing a position: either an ICRS <see cref="SkyPosition"/> or a <see cref="ParseError"/>.</summary>
/// <remarks>Bad input is a value, not an exception; a successful parse allocates nothing.</remarks>
public readonly struct PositionParseResult
{
    private readonly SkyPosition _position;

    private PositionParseResult(SkyPosition position, ParseError? error)
    {
        _position = position;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the text was a valid position.</summary>
    public bool Success => Error is null;

    /// <summary>Gets the error, or <see langword="null"/> on success.</summary>
    public ParseError? Error { get; }

    /// <summary>Gets the ICRS position.</summary>
    /// <exception cref="InvalidOperationException">The parse failed; read <see cref="Error"/>.</exception>
    public SkyPosition Position => Error is null ? _position : throw new InvalidOperationException("The parse failed: " + Error);

    /// <summary>Creates a successful result.</summary>
    /// <param name="position">The ICRS position.</param>
    /// <returns>The result.</returns>
    public static PositionParseResult Ok(SkyPosition position) => new(position, null);

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">What went wrong.</param>
    /// <returns>The result.</returns>
    public static PositionParseResult Fail(ParseError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Gets the position when the parse succeeded.</summary>
    /// <param name="position">The ICRS position, or default on failure.</param>
    /// <returns><see langword="true"/> on success.</returns>
    public bool TryGetPosition(out SkyPosition position)
    {
        position = _position;
        return Error is null;
    }
}
