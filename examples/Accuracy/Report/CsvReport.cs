using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Accuracy.Report;

/// <summary>The results as CSV, one line per cell.</summary>
internal static class CsvReport
{
    public const string Header = "task,n,mux,demux,warmup_steps,accuracy,b1_accuracy,drop,train_seconds,instances_per_second,variant";

    public static void Write(string path, IReadOnlyList<ResultRow> rows)
    {
        var lines = rows.Select(row =>
        {
            var r = row.Result;
            var demux = r.Cell.IsBaseline ? "None"
                : r.Cell.Variant.StartsWith("shortcut", System.StringComparison.Ordinal) ? "IndexEmbedding+InputShortcut"
                : r.Cell.Variant == "learned-keys" ? "LearnedKeys"
                : "IndexEmbedding";
            return string.Create(CultureInfo.InvariantCulture,
                $"{r.Cell.Task},{r.Cell.N},{r.Cell.Mux},{demux},{r.Cell.WarmupSteps},{r.Accuracy:0.####},{(row.Baseline is { } b ? b.ToString("0.####", CultureInfo.InvariantCulture) : "")},{(row.Drop is { } d ? d.ToString("0.##", CultureInfo.InvariantCulture) : "")},{r.TrainSeconds:0.#},{r.InstancesPerSecond:0.#},{r.Cell.Variant}");
        });
        File.WriteAllLines(path, lines.Prepend(Header));
    }
}
