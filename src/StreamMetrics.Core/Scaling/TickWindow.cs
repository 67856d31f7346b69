namespace StreamMetrics.Core.Scaling;

/// <summary>
/// The last N per-tick values of a metric, averaged the way Knative's bucketed windows average them:
/// over the buckets that have data, so a young window is not diluted by zeros it never saw.
/// </summary>
internal sealed class TickWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _next;
    private int _count;
    private double _sum;

    public int Count => _count;

    public void Add(double value)
    {
        if (_count == _values.Length)
            _sum -= _values[_next];
        else
            _count++;
        _values[_next] = value;
        _sum += value;
        _next = (_next + 1) % _values.Length;
        if (_next == 0)
            _sum = _values.Sum(); // a running sum drifts; an exact zero must stay zero so idle scopes reach zero pods
    }

    /// <summary>The mean of the newest <paramref name="last"/> values (all of them when fewer exist).</summary>
    public double Average(int last)
    {
        var n = Math.Min(last, _count);
        if (n == 0)
            return 0;
        if (n == _count)
            return _sum < 1e-9 ? 0 : _sum / n;
        double sum = 0;
        for (var i = 1; i <= n; i++)
            sum += _values[(_next - i + _values.Length) % _values.Length];
        return sum / n;
    }
}
