using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Attaches the metric config the configurator chose for the event's predicted load.</summary>
internal sealed class ConfigureStage(ProfileSelector selector, PipelineCounters counters)
{
    public ConfiguredEvent Attach(ForecastedEvent forecasted)
    {
        var choice = selector.Select(forecasted.Forecast);
        if (choice.PreviousProfile != choice.Config.Profile.Name)
            counters.ProfileChosen(forecasted.Event.Type, choice.Config.Profile.Name);
        return new ConfiguredEvent(forecasted.Message, forecasted.Event, choice.Config);
    }
}
