namespace StreamMetrics.Replay.Traces;

/// <summary>
/// A header-addressed view of a simple CSV file or built-in trace (no quoted fields, as the Azure trace files are).
/// Columns are found by name, so extra or reordered columns do not matter.
/// </summary>
internal sealed class CsvTable
{
    private readonly string _path;
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string path, string[] header)
    {
        _path = path;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
            _columns.TryAdd(header[i].Trim(), i);
    }

    public static IEnumerable<(CsvTable Table, int LineNumber, string[] Fields)> Read(string path)
    {
        using var reader = TraceFiles.Open(path);
        var headerLine = reader.ReadLine() ?? throw new TraceFormatException($"{path}: the file is empty; expected a header line");
        var table = new CsvTable(path, headerLine.Split(','));
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0)
                yield return (table, lineNumber, line.Split(','));
        }
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public int IndexOf(string column) =>
        _columns.TryGetValue(column, out var index)
            ? index
            : throw new TraceFormatException($"{_path}: no column '{column}' in the header");

    public string Text(string[] fields, int lineNumber, string column)
    {
        var index = IndexOf(column);
        return index < fields.Length
            ? fields[index]
            : throw new TraceFormatException($"{_path}:{lineNumber}: line has {fields.Length} fields, column '{column}' is field {index + 1}");
    }

    public double Number(string[] fields, int lineNumber, string column)
    {
        var text = Text(fields, lineNumber, column);
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TraceFormatException($"{_path}:{lineNumber}: column '{column}' = '{text}' is not a number");
    }
}
