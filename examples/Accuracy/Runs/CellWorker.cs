using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Accuracy.Runs;

/// <summary>
/// A worker process of a <c>--jobs</c> run (<see cref="CellJobs"/>): it reads cell keys from its standard input, one a
/// line, trains each cell, keeps its result in the run's store (so a result survives its parent), and answers with
/// one <see cref="ResultPrefix"/> line; it ends when its input ends.
/// </summary>
internal static class CellWorker
{
    /// <summary>Starts the line that hands a finished cell's result (JSON) to the parent.</summary>
    public const string ResultPrefix = "@result ";

    /// <summary>Trains the cells named on standard input with <paramref name="run"/>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<Cell> cells, Func<Cell, CellResult> run, ResultStore store)
    {
        string? key;
        while ((key = Console.In.ReadLine()) is not null)
        {
            var cell = cells.FirstOrDefault(c => c.Key == key)
                ?? throw new InvalidOperationException($"Expected one of this run's cell keys, but the parent sent '{key}'.");
            var result = run(cell);
            store.Add(result);
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        }

        return 0;
    }
}
