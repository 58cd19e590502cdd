using System.Text;
using Das.Sky.Moc;
using SkyMoc = Das.Sky.Moc.Moc;

namespace Das.Sky.Tests.Moc;

public sealed class MocFormatErrorTests
{
    [Theory]
    [InlineData("", 0, "no 'order/'")]
    [InlineData("   ", 0, "no 'order/'")]
    [InlineData("1-2", 0, "before any 'order/'")]
    [InlineData("3/1-", 4, "needs an end")]
    [InlineData("3/5-2", 2, "ends before it starts")]
    [InlineData("30/1", 0, "above 29")]
    [InlineData("3/768", 2, "does not exist at order 3")]
    [InlineData("3/1a", 3, "Unexpected character 'a'")]
    [InlineData("3/1 x", 4, "Unexpected character 'x'")]
    [InlineData("3/99999999999999999999", 2, "too large")]
    [InlineData("t61/1 s3/1", 0, "Time and space-time")]
    [InlineData("3/1 4//2", 6, "Unexpected character '/'")]
    public void Bad_ascii_is_rejected_with_its_position(string text, long position, string message)
    {
        var e = Assert.Throws<MocFormatException>(() => SkyMoc.ParseAscii(text));
        Assert.Equal(position, e.Position);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.False(SkyMoc.TryParseAscii(text, out var moc, out var error));
        Assert.Null(moc);
        Assert.Equal(position, error.Position);
    }

    [Theory]
    [InlineData("[1,2]", "is an object")]
    [InlineData("{\"x\":[1]}", "not an order")]
    [InlineData("{\"30\":[1]}", "not an order")]
    [InlineData("{\"3\":[768]}", "between 0 and 767")]
    [InlineData("{\"3\":[-1]}", "between 0 and 767")]
    [InlineData("{\"3\":[1.5]}", "between 0 and 767")]
    [InlineData("{\"3\":1}", "must be an array")]
    [InlineData("{\"3\":[1", "Invalid JSON")]
    [InlineData("{}", "names no order")]
    [InlineData("{\"3\":[1]} x", "Invalid JSON")]
    public void Bad_json_is_rejected_with_a_clear_message(string json, string message)
    {
        var e = Assert.Throws<MocFormatException>(() => SkyMoc.ParseJson(json));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Position, 0, json.Length);
    }

    [Fact]
    public void Random_ascii_never_fails_with_anything_but_a_format_error()
    {
        var rng = new Random(1);
        const string alphabet = "0123456789/- ,st\n9";
        for (var i = 0; i < 20000; i++)
        {
            var chars = new char[rng.Next(0, 20)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[rng.Next(alphabet.Length)];
            }

            var text = new string(chars);
            if (!SkyMoc.TryParseAscii(text, out _, out var error))
            {
                Assert.InRange(error.Position, 0, text.Length);
            }
        }
    }

    [Fact]
    public void Truncated_or_corrupted_json_never_fails_with_anything_but_a_format_error()
    {
        var json = SkyMoc.ParseAscii("3/1-3 5 8/12-14 20/4").ToJson();
        var rng = new Random(2);
        for (var cut = 0; cut < json.Length; cut++)
        {
            Assert.Throws<MocFormatException>(() => SkyMoc.ParseJson(json[..cut]));
        }

        for (var i = 0; i < 5000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            try
            {
                SkyMoc.ParseJson(bytes);
            }
            catch (MocFormatException)
            {
            }
        }
    }

    [Fact]
    public void Truncated_or_corrupted_fits_never_fails_with_anything_but_a_format_error()
    {
        var fits = SkyMoc.ParseAscii("3/1-3 5 8/12-14 20/4").ToFits();
        for (var cut = 0; cut < fits.Length; cut += 40)
        {
            if (cut >= 2 * 2880 + 64)
            {
                break; // the rest is padding: a shorter file still holds every row
            }

            Assert.Throws<MocFormatException>(() => SkyMoc.FromFits(fits.AsSpan(0, cut)));
        }

        var rng = new Random(3);
        for (var i = 0; i < 5000; i++)
        {
            var copy = (byte[])fits.Clone();
            for (var k = 0; k < 3; k++)
            {
                copy[rng.Next(2 * 2880 + 64)] = (byte)rng.Next(256);
            }

            try
            {
                SkyMoc.FromFits(copy);
            }
            catch (MocFormatException)
            {
            }
        }
    }

    [Theory]
    [InlineData("MOCDIM  = 'SPACE   '", "MOCDIM  = 'TIME    '", "only space MOCs")]
    [InlineData("ORDERING= 'NUNIQ   '", "ORDERING= 'RANGE   '", "only NUNIQ")]
    [InlineData("COORDSYS= 'C       '", "COORDSYS= 'G       '", "ICRS")]
    [InlineData("TFORM1  = '1K      '", "TFORM1  = '1E      '", "'J' (32-bit) or 'K'")]
    [InlineData("SIMPLE  =", "SIMPLY  =", "Not a FITS file")]
    public void Fits_that_is_not_a_space_moc_is_rejected_with_the_keyword(string card, string replacement, string message)
    {
        var fits = SkyMoc.ParseAscii("20/4").ToFits();
        var text = Encoding.ASCII.GetString(fits, 0, 2 * 2880);
        var at = text.IndexOf(card, StringComparison.Ordinal);
        Assert.True(at >= 0);
        Encoding.ASCII.GetBytes(replacement).CopyTo(fits, at);
        var e = Assert.Throws<MocFormatException>(() => SkyMoc.FromFits(fits));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.True(e.Position >= 0);
    }

    [Fact]
    public void Cell_deeper_than_the_declared_order_is_rejected()
    {
        var fits = SkyMoc.ParseAscii("20/4").ToFits();
        var text = Encoding.ASCII.GetString(fits, 0, 2 * 2880);
        var at = text.IndexOf("MOCORD_S=                   20", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("MOCORD_S=                   19").CopyTo(fits, at);
        var e = Assert.Throws<MocFormatException>(() => SkyMoc.FromFits(fits));
        Assert.Contains("deeper than the MOC order 19", e.Message, StringComparison.Ordinal);
        Assert.Equal(2 * 2880, e.Position);
    }

    [Fact]
    public void Not_fits_at_all_is_rejected()
    {
        Assert.Throws<MocFormatException>(() => SkyMoc.FromFits(Encoding.ASCII.GetBytes("<html>Service unavailable</html>")));
        Assert.Throws<MocFormatException>(() => SkyMoc.FromFits([]));
    }
}
