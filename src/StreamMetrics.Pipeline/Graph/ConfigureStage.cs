using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Attaches the metric config the configurator chose for the event's predicted load.</summary>
internal sealed class ConfigureStage(ProfileSelector selector, PipelineCounters counters, StageLatencies latencies)
{
    public ConfiguredEvent Attach(ForecastedEvent forecasted)
    {
        var start = latencies.Start(latencies.Configure);
        var choice = selector.Select(forecasted.Event.Type, forecasted.Predicted);
        latencies.Record(latencies.Configure, start);
        if (choice.PreviousProfile != choice.Config.Profile.Name)
            counters.ProfileChosen(forecasted.Event.Type, choice.Config.Profile.Name);
        return new ConfiguredEvent(forecasted.Message, forecasted.Event, choice.Config);
    }
}
