using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Performance;

/// <summary>
/// Encoder inference on the CPU with the batch's sequences split across worker threads that each run one intra-op
/// thread, instead of every operator splitting its own work across libtorch's threads.
/// </summary>
/// <remarks>
/// <para>With a few hundred rows per call (a multiplexed batch: 2 sequences of 149 positions at the paper's N = 20),
/// every operator of a layer forks and joins libtorch's OpenMP threads, and the parts that run on one thread only
/// (dispatch, the attention softmax) leave the other core waiting. Sequences do not interact in an encoder, so each
/// worker takes a share of them through all layers without meeting the others until the end. Measured on this
/// project's 2-core AMD EPYC, side by side in one run (examples/Throughput <c>--levers</c>): see the Throughput
/// README. A batch of one sequence has nothing to split and runs as before.</para>
/// <para>Each worker is a dedicated background thread set to one intra-op thread once, at its start; the calling
/// thread and threads that start later keep libtorch's setting. Used by <see cref="Backbones.TransformerEncoder"/>
/// in inference (evaluation mode, no gradients) on the CPU when the calling thread has at least two intra-op threads;
/// outputs are the same as the sequential path's up to float32 rounding.</para>
/// </remarks>
public static class SequenceParallel
{
    private static readonly object gate = new();
    private static readonly List<Worker> workers = new();

    /// <summary>Process-wide switch (default on): off makes the encoder run the whole batch on the calling thread.</summary>
    public static bool Enabled { get; set; } = true;

    [ThreadStatic]
    private static bool onWorker;

    /// <summary>
    /// Encodes <paramref name="x"/> <c>[G, L, d]</c> with <paramref name="encode"/> on up to G workers (one intra-op
    /// thread each) and concatenates their results; null when this path does not apply (see the remarks).
    /// </summary>
    internal static Tensor? TryEncode(Tensor x, Tensor? paddingMask, Func<Tensor, Tensor?, Tensor> encode)
    {
        if (!Enabled || onWorker || torch.is_grad_enabled() || x.device_type != DeviceType.CPU) return null;
        var threads = torch.get_num_threads();
        var groups = (int)x.shape[0];
        var count = Math.Min(groups, threads);
        if (count < 2) return null;

        var pool = Workers(count, threads);
        var inference = torch.is_inference_mode_enabled();
        var jobs = new Job[count];
        using var done = new CountdownEvent(count);
        for (var w = 0; w < count; w++)
        {
            var (start, end) = ((long)groups * w / count, (long)groups * (w + 1) / count);
            jobs[w] = new Job(x.narrow(0, start, end - start), paddingMask?.narrow(0, start, end - start), encode, inference, done);
            pool[w].Post(jobs[w]);
        }

        done.Wait();
        var failed = jobs.FirstOrDefault(job => job.Error is not null);
        if (failed is not null)
        {
            foreach (var job in jobs) job.Result?.Dispose();
            ExceptionDispatchInfo.Capture(failed.Error!).Throw();
        }

        var parts = jobs.Select(job => job.Result!).ToArray();
        try
        {
            return torch.cat(parts, 0);
        }
        finally
        {
            foreach (var part in parts) part.Dispose();
        }
    }

    private static Worker[] Workers(int count, int callerThreads)
    {
        lock (gate)
        {
            if (workers.Count < count)
            {
                while (workers.Count < count) workers.Add(new Worker(workers.Count));
                // A worker's set_num_threads(1) also changed libtorch's process-wide default, which threads read on
                // their first parallel operator: put it back, so that only the workers run with one thread.
                torch.set_num_threads(callerThreads);
            }

            return workers.Take(count).ToArray();
        }
    }

    private sealed class Job(Tensor input, Tensor? mask, Func<Tensor, Tensor?, Tensor> encode, bool inference, CountdownEvent done)
    {
        public Tensor? Result;
        public Exception? Error;

        public void Run()
        {
            try
            {
                using IDisposable mode = inference ? torch.inference_mode() : torch.no_grad();
                using var scope = torch.NewDisposeScope();
                Result = scope.MoveToOuter(encode(input, mask));
            }
            catch (Exception error)
            {
                Error = error;
            }
            finally
            {
                done.Signal();
            }
        }
    }

    private sealed class Worker
    {
        private readonly BlockingCollection<Job> queue = new();

        public Worker(int index)
        {
            using var ready = new ManualResetEventSlim();
            var thread = new Thread(() => Loop(ready)) { IsBackground = true, Name = $"DataMux encoder worker {index}" };
            thread.Start();
            ready.Wait();
        }

        public void Post(Job job) => queue.Add(job);

        private void Loop(ManualResetEventSlim ready)
        {
            onWorker = true;
            // Reading the thread count first makes libtorch initialize this thread's setting from its process-wide
            // default; setting it afterwards sticks (set before that, the first parallel operator would overwrite it).
            _ = torch.get_num_threads();
            torch.set_num_threads(1);
            ready.Set();
            foreach (var job in queue.GetConsumingEnumerable()) job.Run();
        }
    }
}
