using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Kafka.Tests.Clients;

public sealed class KafkaPropertiesTests
{
    [Theory]
    [InlineData("security.protocol=SASL_SSL", "security.protocol", "SASL_SSL")]
    [InlineData("sasl.oauthbearer.config=principal=admin scope=all", "sasl.oauthbearer.config", "principal=admin scope=all")]
    [InlineData("client.rack=", "client.rack", "")]
    public void A_command_line_property_is_split_at_its_first_equals_sign(string text, string key, string value)
    {
        Assert.True(KafkaProperties.TryParse(text, out var property, out var error), error);

        Assert.Equal(new KeyValuePair<string, string>(key, value), property);
    }

    [Theory]
    [InlineData("security.protocol", "-X 'security.protocol' is not key=value: write -X key=value")]
    [InlineData("=SASL_SSL", "-X '=SASL_SSL' is not key=value: write -X key=value")]
    [InlineData(" acks=all", "-X  acks=all: ' acks' is not a property name: write key=value")]
    [InlineData("group.id=mine", "-X group.id=mine: group.id is set by StreamMetrics (the service's consumer group is run --group")]
    [InlineData("enable.auto.commit=true", "-X enable.auto.commit=true: enable.auto.commit is set by StreamMetrics (offsets are stored and committed only")]
    [InlineData("sasl.mechansim=PLAIN", "-X sasl.mechansim=PLAIN: librdkafka refuses it (")]
    public void A_bad_command_line_property_names_the_value_and_the_fix(string text, string expected)
    {
        Assert.False(KafkaProperties.TryParse(text, out _, out var error));

        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void Every_refusal_says_what_to_do_instead()
    {
        foreach (var (key, reason) in KafkaProperties.Owned)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason), key);
            Assert.EndsWith("; leave it out", KafkaProperties.Problem(key, "x"));
        }
    }

    [Theory]
    [InlineData("sasl.password", "hunter2", "sasl.password=***")]
    [InlineData("ssl.key.password", "hunter2", "ssl.key.password=***")]
    [InlineData("sasl.oauthbearer.client.secret", "s3cret", "sasl.oauthbearer.client.secret=***")]
    [InlineData("ssl.key.pem", "-----BEGIN PRIVATE KEY-----", "ssl.key.pem=***")]
    [InlineData("sasl.username", "streammetrics", "sasl.username=streammetrics")]
    public void Messages_hide_passwords_secrets_and_private_keys(string key, string value, string shown)
    {
        Assert.Equal(shown, KafkaProperties.Describe(key, value));
    }

    [Fact]
    public void A_config_file_property_the_program_owns_is_refused_naming_the_file_the_key_and_the_value()
    {
        var error = Assert.Throws<ConfigException>(() => KafkaProperties.CheckConfigFile(
            new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["group.id"] = "mine" }, "streammetrics.json"));

        Assert.StartsWith("streammetrics.json: kafka.group.id = 'mine': group.id is set by StreamMetrics (", error.Message);
        Assert.Equal("streammetrics.json", error.ConfigFile);
    }

    [Fact]
    public void A_config_file_with_only_usable_properties_passes()
    {
        KafkaProperties.CheckConfigFile(new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["sasl.password"] = "p" }, "f.json");
    }

    [Fact]
    public void The_command_line_wins_over_the_config_file()
    {
        var merged = KafkaProperties.Merge(
            new Dictionary<string, string> { ["sasl.username"] = "file", ["security.protocol"] = "SASL_SSL" },
            new Dictionary<string, string> { ["sasl.username"] = "cli", ["client.rack"] = "a" });

        Assert.Equal(new Dictionary<string, string> { ["sasl.username"] = "cli", ["security.protocol"] = "SASL_SSL", ["client.rack"] = "a" }, merged);
    }
}
