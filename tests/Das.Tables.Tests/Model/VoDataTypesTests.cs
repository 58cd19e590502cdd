using Das.Tables.Model;

namespace Das.Tables.Tests.Model;

public sealed class VoDataTypesTests
{
    [Fact]
    public void Every_datatype_name_round_trips()
    {
        foreach (var type in Enum.GetValues<VoDataType>())
        {
            Assert.True(VoDataTypes.TryParse(type.ToVoName(), out var parsed));
            Assert.Equal(type, parsed);
        }
    }

    [Theory]
    [InlineData("Double")]
    [InlineData("integer")]
    [InlineData("")]
    public void Names_outside_the_schema_are_not_datatypes(string name) =>
        Assert.False(VoDataTypes.TryParse(name, out _));

    [Theory]
    [InlineData(VoDataType.Boolean, 1)]
    [InlineData(VoDataType.Short, 2)]
    [InlineData(VoDataType.UnicodeChar, 2)]
    [InlineData(VoDataType.Float, 4)]
    [InlineData(VoDataType.Long, 8)]
    [InlineData(VoDataType.FloatComplex, 8)]
    [InlineData(VoDataType.DoubleComplex, 16)]
    public void Binary_sizes_follow_the_spec(VoDataType type, int bytes) =>
        Assert.Equal(bytes, type.BinarySize());
}
