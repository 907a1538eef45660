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
        var tuning = CpuTuning.Enable();
        if (!options.Worker) Console.WriteLine($"CPU tuning: {tuning}");
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
        if (!options.Worker) Console.WriteLine($"DataMux accuracy against N: {cells.Count} cells ({cells.Count - pending.Count} measured before, kept in {runFolder}); " +
            $"{options.Settings.Steps} task steps of {options.Settings.Groups} groups, warm-ups of {options.Settings.WarmupSteps} steps (cached in {Path.Combine(cache, "warmups")}); {torch.get_num_threads()} threads");

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops after the current step, with a checkpoint to continue from; a second one kills. A
            // worker is never killed by one: its parent passes the first on and waits for it.
            e.Cancel = options.Worker || !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        using var tasks = new TaskSet(options.Settings);
        var runner = new CellRunner(options.Settings, cache, runFolder);
        CellResult Run(Cell cell) => TrainingConsole.Run(cell.Key, progress => ModelCatalog.Run(cell, runner, tasks.Get(cell.Task), progress, cancellation.Token));
        void Finished(CellResult result)
        {
            var baseline = results.Values.FirstOrDefault(r => r.Cell.Task == result.Cell.Task && r.Cell.IsBaseline)?.Accuracy;
            Console.WriteLine($"  {result.Cell.Key}: {result.Accuracy * 100:0.0}%" + (baseline is { } b && !result.Cell.IsBaseline ? $" ({DropFromB1(b, result.Accuracy)})" : "") +
                $", trained in {result.TrainSeconds:0} s ({result.TrainInstancesPerSecond:0} instances/s), inference {result.InstancesPerSecond:0} instances/s");
        }

        try
        {
            if (options.Worker) return CellWorker.Run(cells, Run, store);
            if (options.Jobs > 1 && pending.Count > 1)
            {
                var threads = options.Threads > 0 ? options.Threads : Math.Max(1, Environment.ProcessorCount / options.Jobs);
                Console.WriteLine($"{options.Jobs} cells at a time, each in a worker process with {threads} torch threads.");
                var exit = CellJobs.Run(pending, options.Settings, options.Jobs, AccuracyOptions.WorkerArguments(args, threads), results, Finished, cancellation.Token);
                if (exit == 130) throw new OperationCanceledException();
                if (exit != 0) return exit;
            }
            else
            {
                foreach (var cell in pending)
                {
                    var result = Run(cell);
                    store.Add(result);
                    results[cell.Key] = result;
                    Finished(result);
                }
            }
        }
        catch (OperationCanceledException)
        {
            if (!options.Worker) Console.WriteLine("Stopped: run the same command again to continue (finished cells are kept, the current ones resume from their checkpoints).");
            return 130;
        }

        var rows = ResultRow.From(cells.Select(c => results[c.Key]));
        Console.WriteLine();
        Console.Write(ConsoleTable.Format(rows));
        if (options.Csv is not null) CsvReport.Write(options.Csv, rows);
        AccuracyPlot.Save(options.Plot, rows);
        Console.WriteLine($"Plot: {options.Plot}" + (options.Csv is null ? "" : $"; CSV: {options.Csv}") + $". Wall time {total.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }

    /// <summary>How far an accuracy is from B1's, in points, said in words ("1.2 points below B1", "0.3 points above B1").</summary>
    private static string DropFromB1(double b1, double accuracy)
    {
        var points = Math.Round((b1 - accuracy) * 1000, MidpointRounding.AwayFromZero) / 10;
        return points == 0 ? "as B1" : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(points):0.0} points {(points > 0 ? "below" : "above")} B1");
    }
}
