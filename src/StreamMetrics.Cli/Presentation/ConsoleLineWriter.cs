using System.Text;
using Spectre.Console;

namespace StreamMetrics.Cli.Presentation;

/// <summary>
/// A writer whose lines go through a Spectre console, so that lines written while a progress bar is drawn appear above
/// it instead of through it.
/// </summary>
internal sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                console.Write(new Text(_line.ToString().TrimEnd('\r') + "\n"));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
