using Confluent.Kafka;
using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Input;

/// <summary>An oversized record is rejected by size, and its dead letter still fits a default Kafka record (1 MB).</summary>
[Trait("Category", "Reliability")]
public sealed class DeadLetterLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_10_MB_value_is_rejected_by_its_size_and_its_dead_letter_keeps_its_first_bytes_and_its_position()
    {
        var huge = new byte[10 * 1024 * 1024];
        new Random(10).NextBytes(huge);
        var decoded = new InputDecoder(new InputDecoderOptions(), TimeProvider.System).Decode(huge, Now);
        var message = new ConsumedMessage(new TopicPartition("events", 4), 99, null, huge, Now);

        var letter = DeadLetter.Of(message, decoded.Rejection!.Reason, Now);
        var encoded = AvroCodecs.DeadLetter.Encode(letter);

        Assert.Equal(RejectionKind.Oversized, decoded.Rejection.Kind);
        Assert.Contains("record is 10485760 bytes, more than max-event-bytes = 1048576", letter.Reason);
        Assert.Contains("first 524288 of 10485760 bytes; all of it is at events [4] @99", letter.Reason);
        Assert.True(huge.AsSpan(0, DeadLetter.MaxOriginalBytes).SequenceEqual(letter.Original));
        Assert.True(encoded.Length < 1_000_000, $"dead letter is {encoded.Length} bytes");
        Assert.Equal((4, 99L), (letter.Partition, letter.Offset));
    }

    [Fact]
    public void A_type_longer_than_max_type_length_is_rejected_naming_its_length()
    {
        var decoder = new InputDecoder(new InputDecoderOptions { MaxTypeLength = 8 }, TimeProvider.System);

        var tooLong = decoder.Decode(AvroCodecs.Event.Encode(new("abcdefghi", "k", Now, null)), Now);
        var fits = decoder.Decode(AvroCodecs.Event.Encode(new("abcdefgh", "k", Now, null)), Now);

        Assert.Equal(RejectionKind.InvalidEvent, tooLong.Rejection?.Kind);
        Assert.Equal("type is 9 characters long (starts 'abcdefghi'), max-type-length = 8", tooLong.Rejection?.Reason);
        Assert.True(fits.IsAccepted, fits.Rejection?.Describe());
    }
}
