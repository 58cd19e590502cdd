using System.Globalization;
using System.Text;

namespace Das.Tables.Model;

/// <summary>
/// The <c>arraysize</c> attribute: absent (a scalar), fixed (<c>10</c>, <c>3x2</c>) or variable in the last
/// dimension (<c>*</c>, <c>10*</c> meaning at most 10, <c>3x*</c>). Dimensions are listed first-varying-fastest,
/// as in the attribute.
/// </summary>
public sealed class ArraySize : IEquatable<ArraySize>
{
    private readonly int[] _dimensions;

    /// <summary>The scalar (no arraysize attribute).</summary>
    public static readonly ArraySize Scalar = new([], variable: false, maxLast: null);

    /// <summary>A variable-length one-dimensional array (<c>*</c>).</summary>
    public static readonly ArraySize Variable = new([0], variable: true, maxLast: null);

    private ArraySize(int[] dimensions, bool variable, int? maxLast)
    {
        _dimensions = dimensions;
        IsVariable = variable;
        MaxLast = maxLast;
    }

    /// <summary>A fixed one-dimensional array of <paramref name="length"/> elements.</summary>
    public static ArraySize Fixed(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new([length], variable: false, maxLast: null);
    }

    /// <summary>A variable one-dimensional array with an upper bound (<c>N*</c>).</summary>
    public static ArraySize Bounded(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return new([max], variable: true, maxLast: max);
    }

    /// <summary>True when there is no arraysize (one element per cell).</summary>
    public bool IsScalar => _dimensions.Length == 0;

    /// <summary>True when the last dimension is variable (<c>*</c> or <c>N*</c>).</summary>
    public bool IsVariable { get; }

    /// <summary>The bound of a variable last dimension written <c>N*</c>, otherwise null.</summary>
    public int? MaxLast { get; }

    /// <summary>Dimensions, first-varying-fastest; for a variable last dimension its entry is its bound or 0.</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _dimensions.Length;

    /// <summary>Elements in one cell of a fixed array; for a variable array, elements in one step of the last dimension.</summary>
    public int FixedElementCount
    {
        get
        {
            int n = 1;
            int last = IsVariable ? _dimensions.Length - 1 : _dimensions.Length;
            for (int i = 0; i < last; i++)
            {
                n *= _dimensions[i];
            }
            return n;
        }
    }

    /// <summary>Parses the attribute value; returns false with a reason on a malformed one.</summary>
    public static bool TryParse(string? text, out ArraySize size, out string? error)
    {
        error = null;
        size = Scalar;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var parts = text.Trim().Split('x');
        var dims = new int[parts.Length];
        bool variable = false;
        int? maxLast = null;
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i].AsSpan();
            bool star = part.EndsWith("*");
            if (star)
            {
                if (i != parts.Length - 1)
                {
                    error = $"arraysize '{text}': only the last dimension may be variable";
                    return false;
                }
                variable = true;
                part = part[..^1];
                if (part.IsEmpty)
                {
                    dims[i] = 0;
                    continue;
                }
            }
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                error = $"arraysize '{text}': '{parts[i]}' is not a whole number";
                return false;
            }
            dims[i] = n;
            if (star)
            {
                maxLast = n;
            }
        }
        size = new ArraySize(dims, variable, maxLast);
        return true;
    }

    /// <summary>Parses the attribute value or throws <see cref="FormatException"/>.</summary>
    public static ArraySize Parse(string? text) =>
        TryParse(text, out var size, out var error) ? size : throw new FormatException(error);

    /// <summary>The attribute value, or null for a scalar.</summary>
    public override string? ToString()
    {
        if (IsScalar)
        {
            return null;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < _dimensions.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('x');
            }
            bool last = i == _dimensions.Length - 1;
            if (last && IsVariable)
            {
                if (MaxLast is int max)
                {
                    sb.Append(max.ToString(CultureInfo.InvariantCulture));
                }
                sb.Append('*');
            }
            else
            {
                sb.Append(_dimensions[i].ToString(CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(ArraySize? other) =>
        other is not null && IsVariable == other.IsVariable && MaxLast == other.MaxLast &&
        _dimensions.AsSpan().SequenceEqual(other._dimensions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ArraySize);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ToString());
}
