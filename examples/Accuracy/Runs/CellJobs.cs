using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;

namespace Accuracy.Runs;

/// <summary>
/// Trains the cells of a run in <c>jobs</c> worker processes at once (<c>--jobs</c>), each a <see cref="CellWorker"/>
/// with torch threads of its own. Processes, not threads: dropout and the data order draw from libtorch's process-wide
/// generator, so two cells in one process would make each other's results depend on timing. Every cell stays seeded and
/// resumable as in a run without jobs; only wall times change.
/// </summary>
/// <remarks>
/// Longest cells start first, so that no long cell is left to train alone at the end. A cell that starts from its
/// task's trained B1 waits for that B1; two cells that would warm up the same width wait for each other, so that the
/// second loads the first one's cached warm-up instead of training it again.
/// </remarks>
internal sealed class CellJobs : IDisposable
{
    private const int SigInt = 2;

    private readonly IReadOnlyList<string> workerArguments;
    private readonly BlockingCollection<WorkerEvent> events = new();
    private readonly List<Worker> workers = [];
    private readonly object console = new();

    private CellJobs(IReadOnlyList<string> workerArguments) => this.workerArguments = workerArguments;

    /// <summary>
    /// Trains <paramref name="pending"/> in <paramref name="jobs"/> workers started with <paramref name="workerArguments"/>,
    /// adding each result to <paramref name="results"/> and handing it to <paramref name="finished"/> as it comes.
    /// Returns 0 when every cell finished, 130 when <paramref name="cancellationToken"/> stopped the run (every worker
    /// stops after its current step, leaving a checkpoint), 1 when a worker failed (its output says why).
    /// </summary>
    public static int Run(IReadOnlyList<Cell> pending, RunSettings settings, int jobs, IReadOnlyList<string> workerArguments,
        Dictionary<string, CellResult> results, Action<CellResult> finished, CancellationToken cancellationToken)
    {
        using var run = new CellJobs(workerArguments);
        using var stop = cancellationToken.Register(run.InterruptAll);
        var waiting = pending.OrderByDescending(cell => RelativeCost(cell, settings)).ToList();
        var running = new Dictionary<Worker, Cell>();
        var exit = 0;
        while (true)
        {
            while (exit == 0 && !cancellationToken.IsCancellationRequested && running.Count < jobs
                && waiting.FirstOrDefault(cell => CanStart(cell, results, running.Values)) is { } next)
            {
                var worker = run.workers.FirstOrDefault(w => !running.ContainsKey(w)) ?? run.Start();
                worker.Send(next.Key);
                running[worker] = next;
                waiting.Remove(next);
                run.WriteLine($"  started {next.Key} in worker {worker.Number} ({waiting.Count} cells wait)");
            }

            if (running.Count == 0) break;
            var happened = run.events.Take();
            if (happened.ExitCode is not null) run.workers.Remove(happened.Worker);
            if (!running.TryGetValue(happened.Worker, out var cell)) continue; // an idle worker's end
            running.Remove(happened.Worker);
            if (happened.Result is { } result)
            {
                results[cell.Key] = result;
                finished(result);
                continue;
            }

            var stopped = happened.ExitCode == 130 || cancellationToken.IsCancellationRequested;
            if (!stopped) run.WriteLine($"  {cell.Key} failed: its worker ended with exit code {happened.ExitCode} (its output is above); the other cells stop.");
            exit = Math.Max(exit, stopped ? 130 : 1);
            if (exit == 1) run.InterruptAll();
        }

        if (exit == 0 && cancellationToken.IsCancellationRequested) exit = 130;
        if (exit == 0 && waiting.Count > 0)
        {
            run.WriteLine($"  {waiting.Count} cells could not start: they start from their task's trained B1, which is not in this run ({string.Join(", ", waiting.Select(c => c.Key))}).");
            exit = 1;
        }

        return exit;
    }

    // The events collection is left to the collector: a worker's exit watcher may still add its last event.
    public void Dispose()
    {
        foreach (var worker in workers) worker.Dispose();
    }

    /// <summary>
    /// A cell's training time relative to the others': a step's cost grows with the rows it carries, N per group,
    /// about 90 + 15·N seconds per 2,000 part-of-speech steps on the project's machine (docs/RESULTS.md).
    /// </summary>
    internal static double RelativeCost(Cell cell, RunSettings settings) => settings.StepsOf(cell.Task) * (90.0 + 15.0 * cell.N) * (cell.WarmupSteps > 0 ? 1.1 : 1.0);

    internal static bool CanStart(Cell cell, Dictionary<string, CellResult> results, IEnumerable<Cell> running)
    {
        if (cell.Variant == "shortcut-from-b1" && !results.ContainsKey(new Cell(cell.Task, 1, "B1", 0, "plain").Key)) return false;
        return cell.WarmupSteps == 0 || !running.Any(other => other.WarmupSteps == cell.WarmupSteps && other.N == cell.N && other.Mux == cell.Mux);
    }

    private Worker Start()
    {
        // A run through `dotnet Accuracy.dll` is its host's process: the worker is started the same way.
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Expected the path of this process's executable, to start workers from it.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var argument in workerArguments) start.ArgumentList.Add(argument);
        var worker = new Worker(workers.Count == 0 ? 1 : workers.Max(w => w.Number) + 1, Process.Start(start)!);
        workers.Add(worker);
        worker.Process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            if (line.Data.StartsWith(CellWorker.ResultPrefix, StringComparison.Ordinal))
                events.Add(new WorkerEvent(worker, JsonSerializer.Deserialize<CellResult>(line.Data[CellWorker.ResultPrefix.Length..]), null));
            else
                WriteLine(line.Data);
        };
        worker.Process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null) lock (console) Console.Error.WriteLine(line.Data);
        };
        worker.Process.BeginOutputReadLine();
        worker.Process.BeginErrorReadLine();
        worker.Watch(code => events.Add(new WorkerEvent(worker, null, code)));
        return worker;
    }

    /// <summary>Asks every worker to stop after its current step, as Ctrl+C asks a run without jobs.</summary>
    private void InterruptAll()
    {
        foreach (var worker in workers.ToArray()) worker.Interrupt();
    }

    private void WriteLine(string line)
    {
        lock (console) Console.WriteLine(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private sealed record WorkerEvent(Worker Worker, CellResult? Result, int? ExitCode);

    private sealed class Worker(int number, Process process) : IDisposable
    {
        public int Number { get; } = number;

        public Process Process { get; } = process;

        public void Send(string key)
        {
            Process.StandardInput.WriteLine(key);
            Process.StandardInput.Flush();
        }

        public void Interrupt()
        {
            if (Process.HasExited) return;
            // Windows has no SIGINT to send another process: there the worker ends, and its cell resumes from its checkpoint.
            if (OperatingSystem.IsWindows()) Process.Kill(entireProcessTree: true);
            else SendSignal(Process.Id, SigInt);
        }

        private Thread? watcher;

        /// <summary>Calls <paramref name="exited"/> with the exit code once the worker has ended and its last line is read.</summary>
        public void Watch(Action<int> exited)
        {
            // WaitForExit without a timeout also waits for the last output line: a result comes before its worker's end.
            watcher = new Thread(() =>
            {
                Process.WaitForExit();
                exited(Process.ExitCode);
            }) { IsBackground = true };
            watcher.Start();
        }

        public void Dispose()
        {
            // Its input's end tells an idle worker to exit.
            try { Process.StandardInput.Close(); } catch (InvalidOperationException) { }
            if (!Process.WaitForExit(TimeSpan.FromMinutes(1))) Process.Kill(entireProcessTree: true);
            watcher?.Join();
            Process.Dispose();
        }
    }
}
