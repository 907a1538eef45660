using System;
using System.Collections.Generic;
using System.Linq;

namespace Throughput.Report;

/// <summary>Prints rows as an aligned Markdown table (pastes into the README and issue notes as it is).</summary>
internal static class ConsoleTable
{
    public static void Print(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new[] { header }.Concat(rows).ToArray();
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        string Line(IReadOnlyList<string> r) => "| " + string.Join(" | ", r.Select((cell, c) => cell.PadLeft(widths[c]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 1) + ":")) + "|");
        foreach (var row in all.Skip(1)) Console.WriteLine(Line(row));
    }
}
