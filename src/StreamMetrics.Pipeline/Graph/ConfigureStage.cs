using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>Attaches the metric config the configurator chose for the event's predicted load.</summary>
internal sealed class ConfigureStage(ProfileSelector selector, PipelineCounters counters, StageLatencies latencies)
{
    public PipelineEvent Attach(PipelineEvent forecasted)
    {
        var type = forecasted.Event.Type;
        var start = latencies.Start(latencies.Configure);
        var choice = selector.Select(type, forecasted.Predicted);
        latencies.Record(latencies.Configure, start);
        if (choice.PreviousProfile != choice.Config.Profile.Name)
            counters.ProfileChosen(type, choice.Config.Profile.Name);
        forecasted.Config = choice.Config;
        return forecasted;
    }
}
