using System.Text;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

public sealed class RepeatedStringsTests
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    [Fact]
    public void Events_of_one_type_decode_to_one_type_name_and_their_own_keys()
    {
        var at = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var first = AvroCodecs.Event.Decode(AvroCodecs.Event.Encode(new StreamEvent("checkout-Zoë", "order-1", at, null)));
        var second = AvroCodecs.Event.Decode(AvroCodecs.Event.Encode(new StreamEvent("checkout-Zoë", "order-2", at, null)));

        Assert.Equal("checkout-Zoë", first.Type);
        Assert.Same(first.Type, second.Type);
        Assert.Equal(("order-1", "order-2"), (first.Key, second.Key));
    }

    [Fact]
    public void Beyond_its_capacity_the_pool_still_decodes_every_string_but_keeps_no_more()
    {
        var pool = new RepeatedStrings();
        for (var i = 0; i < RepeatedStrings.Capacity; i++)
            pool.Get(Encoding.UTF8.GetBytes($"type-{i}"), StrictUtf8);

        var extra = pool.Get("type-extra"u8, StrictUtf8);

        Assert.Equal("type-extra", extra);
        Assert.NotSame(extra, pool.Get("type-extra"u8, StrictUtf8));
        Assert.Same(pool.Get("type-7"u8, StrictUtf8), pool.Get("type-7"u8, StrictUtf8));
    }

    [Fact]
    public void Invalid_utf8_is_refused_as_before()
    {
        Assert.Throws<DecoderFallbackException>(() => new RepeatedStrings().Get([0x74, 0xC3, 0x28], StrictUtf8));
    }
}
