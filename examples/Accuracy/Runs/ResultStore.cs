using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace Accuracy.Runs;

/// <summary>
/// The cells a run of given settings has measured, one JSON line each in <c>results.jsonl</c> of the run's folder, so
/// that a stopped run continues with the cells it had not finished (their trainings resume from their checkpoints).
/// </summary>
internal sealed class ResultStore(string folder)
{
    private readonly string path = Path.Combine(folder, "results.jsonl");

    /// <summary>The results recorded so far, by cell key (a cell measured twice keeps its last line).</summary>
    public Dictionary<string, CellResult> Load()
    {
        var results = new Dictionary<string, CellResult>(StringComparer.Ordinal);
        if (!File.Exists(path)) return results;
        foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line, i + 1)))
        {
            if (line.Length == 0) continue;
            CellResult result;
            try
            {
                result = JsonSerializer.Deserialize<CellResult>(line) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                // A run killed mid-line leaves a partial last line: that cell is measured again.
                Console.Error.WriteLine($"Ignoring line {number} of {path} (not a result: {e.Message}); its cell is measured again.");
                continue;
            }

            results[result.Cell.Key] = result;
        }

        return results;
    }

    /// <summary>Appends one result as one line; the workers of a <c>--jobs</c> run take turns (an exclusive open, retried).</summary>
    public void Add(CellResult result)
    {
        Directory.CreateDirectory(folder);
        var line = JsonSerializer.Serialize(result) + Environment.NewLine;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                using var writer = new StreamWriter(stream);
                writer.Write(line);
                return;
            }
            catch (IOException) when (attempt < 100 && File.Exists(path))
            {
                Thread.Sleep(50); // another worker is writing its line
            }
        }
    }

    /// <summary>Forgets every result (--fresh).</summary>
    public void Clear()
    {
        if (File.Exists(path)) File.Delete(path);
    }
}
