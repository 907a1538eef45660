using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Accuracy.Cli;
using Accuracy.Models;
using Accuracy.Report;
using Accuracy.Runs;
using Accuracy.Tasks;
using DataMux.Datasets;
using DataMux.Examples.Common;
using DataMux.Cpu;
using DataMux.Training;
using TorchSharp;

namespace Accuracy;

/// <summary>Accuracy against N on real data: every cell trained, measured and kept, then the table, CSV and plot.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        AccuracyOptions options;
        try
        {
            options = AccuracyOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(AccuracyOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(AccuracyOptions.Usage);
            return 0;
        }

        foreach (var (option, path) in new[] { ("--csv", options.Csv), ("--plot", options.Plot) })
        {
            if (path is not null && OutputPaths.Problem(option, path) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
        }

        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        Console.WriteLine($"CPU tuning: {CpuTuning.Enable()}");
        if (options.TrainingSpeed)
        {
            Console.WriteLine(TrainingSpeed.Header);
            var lines = TrainingSpeed.Measure(options.Ns.Prepend(1).Distinct().Order().ToList(), steps: 60, warmup: 10, groups: options.Settings.Groups);
            if (options.Csv is not null) File.WriteAllLines(options.Csv, lines.Prepend(TrainingSpeed.Header));
            return 0;
        }

        var total = Stopwatch.StartNew();
        var cache = DatasetCache.DefaultRoot();
        var runFolder = Path.Combine(cache, "accuracy", options.Settings.Signature);
        var store = new ResultStore(runFolder);
        if (options.Fresh) store.Clear();
        var results = store.Load();
        var cells = options.Cells();
        var pending = cells.Where(c => !results.ContainsKey(c.Key)).ToList();
        Console.WriteLine($"DataMux accuracy against N: {cells.Count} cells ({cells.Count - pending.Count} measured before, kept in {runFolder}); " +
            $"{options.Settings.Steps} task steps of {options.Settings.Groups} groups, warm-ups of {options.Settings.WarmupSteps} steps (cached in {Path.Combine(cache, "warmups")}); {torch.get_num_threads()} threads");

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops after the current step, with a checkpoint to continue from; a second one kills.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        var tasks = new Dictionary<string, TaskData>();
        try
        {
            var runner = new CellRunner(options.Settings, cache, runFolder);
            foreach (var cell in pending)
            {
                if (!tasks.TryGetValue(cell.Task, out var data))
                {
                    Load(cell.Task, options.Settings, tasks);
                    data = tasks[cell.Task];
                }
                var result = RunWithProgress(cell, runner, data, cancellation.Token);
                store.Add(result);
                results[cell.Key] = result;
                var baseline = results.Values.FirstOrDefault(r => r.Cell.Task == cell.Task && r.Cell.IsBaseline)?.Accuracy;
                Console.WriteLine($"  {cell.Key}: {result.Accuracy * 100:0.0}%" + (baseline is { } b && !cell.IsBaseline ? $" ({DropFromB1(b, result.Accuracy)})" : "") +
                    $", trained in {result.TrainSeconds:0} s ({result.TrainInstancesPerSecond:0} instances/s), inference {result.InstancesPerSecond:0} instances/s");
            }
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopped: run the same command again to continue (finished cells are kept, the current one resumes from its checkpoint).");
            return 130;
        }
        finally
        {
            foreach (var data in tasks.Values) data.Dispose();
        }

        var rows = ResultRow.From(cells.Select(c => results[c.Key]));
        Console.WriteLine();
        Console.Write(ConsoleTable.Format(rows));
        if (options.Csv is not null) CsvReport.Write(options.Csv, rows);
        AccuracyPlot.Save(options.Plot, rows);
        Console.WriteLine($"Plot: {options.Plot}" + (options.Csv is null ? "" : $"; CSV: {options.Csv}") + $". Wall time {total.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    /// <summary>Loads <paramref name="task"/> into <paramref name="tasks"/> (both Brown tasks at once: they share the corpus).</summary>
    /// <summary>How far an accuracy is from B1's, in points, said in words ("1.2 points below B1", "0.3 points above B1").</summary>
    private static string DropFromB1(double b1, double accuracy)
    {
        var points = Math.Round((b1 - accuracy) * 1000, MidpointRounding.AwayFromZero) / 10;
        return points == 0 ? "as B1" : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(points):0.0} points {(points > 0 ? "below" : "above")} B1");
    }

    private static void Load(string task, RunSettings settings, Dictionary<string, TaskData> tasks)
    {
        if (task is "pos" or "genre")
        {
            var (pos, genre) = BrownTasks.Load(settings.Validation);
            tasks["pos"] = pos;
            tasks["genre"] = genre;
        }
        else
        {
            tasks[task] = SentimentTask.Load(validation: settings.Validation);
        }

        Console.WriteLine($"{task}: {tasks[task].Description}");
    }

    /// <summary>Runs one cell under the training display (warm-up, then the task).</summary>
    private static CellResult RunWithProgress(Cell cell, CellRunner runner, TaskData data, CancellationToken cancellationToken) =>
        TrainingConsole.Run(cell.Key, progress => ModelCatalog.Run(cell, runner, data, progress, cancellationToken));
}
