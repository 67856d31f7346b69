namespace StreamMetrics.Replay.Simulation;

/// <summary>Each minute's peak concurrency if every invocation started on arrival: what <c>oracle-minute</c> is told.</summary>
internal static class MinutePeaks
{
    public static int[] Compute(IArrivalSource generator)
    {
        var peaks = new int[generator.Minutes];
        var arrivals = new double[generator.MaxPerMinute + 1];
        var durations = new double[generator.MaxPerMinute + 1];
        var running = new PriorityQueue<double, double>();
        for (var minute = 0; minute < generator.Minutes; minute++)
        {
            var count = generator.Fill(minute, arrivals, durations);
            var peak = 0;
            for (var i = 0; i < count; i++)
            {
                while (running.Count > 0 && running.Peek() <= arrivals[i])
                    running.Dequeue();
                var end = arrivals[i] + durations[i];
                running.Enqueue(end, end);
                peak = Math.Max(peak, running.Count);
            }
            peaks[minute] = peak;
        }
        return peaks;
    }
}
