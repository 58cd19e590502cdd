using Das.Sky.Angles;

namespace Das.Sky.Parsing;

/// <summary>The outcome of parsing a single angle field: either an <see cref="Angles.Angle"/> or a <see cref="ParseError"/>.</summary>
public readonly struct AngleParseResult
{
    private readonly Angle _angle;

    private AngleParseResult(Angle angle, ParseError? error)
    {
        _angle = angle;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the text was a valid angle.</summary>
    public bool Success => Error is null;

    /// <summary>Gets the error, or <see langword="null"/> on success.</summary>
    public ParseError? Error { get; }

    /// <summary>Gets the angle (RA wrapped into [0°, 360°); a negative zero Dec keeps its sign).</summary>
    /// <exception cref="InvalidOperationException">The parse failed; read <see cref="Error"/>.</exception>
    public Angle Angle => Error is null ? _angle : throw new InvalidOperationException("The parse failed: " + Error);

    /// <summary>Creates a successful result.</summary>
    /// <param name="angle">The angle.</param>
    /// <returns>The result.</returns>
    public static AngleParseResult Ok(Angle angle) => new(angle, null);

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">What went wrong.</param>
    /// <returns>The result.</returns>
    public static AngleParseResult Fail(ParseError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
