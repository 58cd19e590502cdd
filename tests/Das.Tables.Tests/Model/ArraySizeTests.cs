using Das.Tables.Model;

namespace Das.Tables.Tests.Model;

public sealed class ArraySizeTests
{
    [Theory]
    [InlineData(null, true, false, 0)]
    [InlineData("", true, false, 0)]
    [InlineData("*", false, true, 1)]
    [InlineData("10", false, false, 1)]
    [InlineData("10*", false, true, 1)]
    [InlineData("3x2", false, false, 2)]
    [InlineData("3x*", false, true, 2)]
    [InlineData("2x3x4", false, false, 3)]
    public void Attribute_values_parse_to_shape(string? text, bool scalar, bool variable, int rank)
    {
        var size = ArraySize.Parse(text);
        Assert.Equal(scalar, size.IsScalar);
        Assert.Equal(variable, size.IsVariable);
        Assert.Equal(rank, size.Rank);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("10")]
    [InlineData("10*")]
    [InlineData("3x2")]
    [InlineData("3x*")]
    [InlineData("2x3x4*")]
    public void Attribute_values_round_trip_through_ToString(string text) =>
        Assert.Equal(text, ArraySize.Parse(text).ToString());

    [Fact]
    public void Bounded_variable_array_keeps_its_bound()
    {
        var size = ArraySize.Parse("16*");
        Assert.Equal(16, size.MaxLast);
        Assert.True(size.IsVariable);
    }

    [Fact]
    public void Fixed_element_count_multiplies_fixed_dimensions()
    {
        Assert.Equal(6, ArraySize.Parse("3x2").FixedElementCount);
        Assert.Equal(3, ArraySize.Parse("3x*").FixedElementCount);
        Assert.Equal(1, ArraySize.Scalar.FixedElementCount);
    }

    [Theory]
    [InlineData("*x3", "only the last dimension may be variable")]
    [InlineData("abc", "'abc' is not a whole number")]
    [InlineData("3x", "'' is not a whole number")]
    [InlineData("-2", "'-2' is not a whole number")]
    public void Malformed_attribute_values_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.False(ArraySize.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
