using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Benchmarks.Forecasting;

/// <summary>Adds the state size of the benchmarked model after one and three days of minute buckets.</summary>
internal sealed class StateSizeConfig : ManualConfig
{
    public StateSizeConfig()
    {
        AddColumn(new StateSizeColumn(1), new StateSizeColumn(3));
    }

    private sealed class StateSizeColumn(int days) : IColumn
    {
        public string Id => $"StateKB{days}d";
        public string ColumnName => $"State KB ({days} d)";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => days;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"Bytes of the model's state (StateBytes) after {days} day(s) of busy minute buckets, in KB";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var name = benchmarkCase.Parameters["Model"] as string ?? ForecastModels.Auto;
            var model = ForecastModels.Create(name, new ForecastModelOptions());
            foreach (var count in BenchmarkSeries.Day(seed: 2, days))
                model.Observe(count);
            return (model.StateBytes / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
