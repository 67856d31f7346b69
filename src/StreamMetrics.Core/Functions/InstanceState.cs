namespace StreamMetrics.Core.Functions;

internal enum InstanceState
{
    Starting,
    Idle,
    Busy,
}
