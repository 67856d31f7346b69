using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Tests.Graph;

/// <summary>The divert that sends rejected records to the dead letters behaves as Akka's <c>DivertTo</c> does.</summary>
public sealed class DivertStageTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Each_element_goes_to_its_side_in_order_as_with_Akkas_DivertTo()
    {
        var materializer = Sys.Materializer();
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var items = Enumerable.Range(0, random.Next(0, 300)).Select(i => new Item(i, random.Next(4) == 0)).ToList();

            var (diverted, passed) = Source.From(items)
                .ViaMaterialized(DivertStage<Item>.To(Sink.Seq<Item>(), IsDiverted), Keep.Right)
                .ToMaterialized(Sink.Seq<Item>(), Keep.Both)
                .Run(materializer);
            var (akkaDiverted, akkaPassed) = Source.From(items)
                .DivertToMaterialized(Sink.Seq<Item>(), IsDiverted, Keep.Right)
                .ToMaterialized(Sink.Seq<Item>(), Keep.Both)
                .Run(materializer);

            Assert.Equal(items.Where(IsDiverted), await diverted);
            Assert.Equal(items.Where(i => !i.Diverted), await passed);
            Assert.Equal(await akkaDiverted, await diverted);
            Assert.Equal(await akkaPassed, await passed);
        }
    }

    [Fact]
    public void An_element_waits_for_demand_on_its_own_side_and_holds_back_the_elements_behind_it()
    {
        var (upstream, diverted, passed) = Probes();
        passed.Request(10);

        upstream.SendNext(new Item(0, Diverted: false));
        passed.ExpectNext(new Item(0, false));
        // The diverted side asked for nothing: its element waits, and the one behind it waits too, though its side asked.
        upstream.SendNext(new Item(1, Diverted: true));
        upstream.SendNext(new Item(2, Diverted: false));
        passed.ExpectNoMsg(Quiet);

        diverted.Request(1);
        diverted.ExpectNext(new Item(1, true));
        passed.ExpectNext(new Item(2, false));
    }

    [Fact]
    public void A_waiting_element_is_delivered_before_the_stage_completes()
    {
        var (upstream, diverted, passed) = Probes();
        passed.Request(10);

        upstream.SendNext(new Item(0, Diverted: true));
        upstream.SendComplete();
        passed.ExpectNoMsg(Quiet);

        diverted.Request(1);
        diverted.ExpectNext(new Item(0, true));
        diverted.ExpectComplete();
        passed.ExpectComplete();
    }

    [Fact]
    public void When_one_side_cancels_the_other_goes_on_and_the_upstream_is_cancelled_once_both_did()
    {
        var (upstream, diverted, passed) = Probes();
        passed.Request(10);
        diverted.Request(10);

        passed.Cancel();
        upstream.SendNext(new Item(0, Diverted: false));
        upstream.SendNext(new Item(1, Diverted: true));
        diverted.ExpectNext(new Item(1, true));

        diverted.Cancel();
        upstream.ExpectCancellation();
    }

    /// <summary>The stage between probes: the upstream, the diverted side and the side passed on.</summary>
    private (TestPublisher.Probe<Item> Upstream, TestSubscriber.Probe<Item> Diverted, TestSubscriber.Probe<Item> Passed) Probes()
    {
        var ((upstream, diverted), passed) = this.SourceProbe<Item>()
            .ViaMaterialized(DivertStage<Item>.To(this.SinkProbe<Item>(), IsDiverted), Keep.Both)
            .ToMaterialized(this.SinkProbe<Item>(), Keep.Both)
            .Run(Sys.Materializer());
        return (upstream, diverted, passed);
    }

    private static bool IsDiverted(Item item) => item.Diverted;

    private sealed record Item(int Id, bool Diverted);
}
