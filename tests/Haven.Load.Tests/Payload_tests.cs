using System.Text;
using Haven.Load;

namespace Haven.Load.Tests;

public sealed class Payload_tests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(123_456_789_012L)]
    [InlineData(long.MaxValue)]
    public void Send_time_round_trips_through_text_and_utf8_without_a_single_digit(long ticks)
    {
        var text = Payload.Text(ticks, 80);
        var utf8 = new byte[80];
        var written = Payload.WriteUtf8(ticks, 80, utf8);

        Assert.Equal(80, text.Length);
        Assert.Equal(text, Encoding.ASCII.GetString(utf8, 0, written));
        Assert.DoesNotContain(text, char.IsAsciiDigit);
        Assert.Equal(ticks, Payload.Parse(text));
        Assert.Equal(ticks, Payload.Parse(utf8.AsSpan(0, written)));
    }

    [Fact]
    public void Text_that_is_not_a_payload_parses_as_minus_one()
    {
        Assert.Equal(-1, Payload.Parse("0123456789abcdef hello"));
        Assert.Equal(-1, Payload.Parse("short"));
    }
}
