using System;
using System.Reflection;
using System.Threading;
using DataMux.Backbones;
using DataMux.Performance;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>
/// Encoder inference with the sequences split across worker threads gives the sequential result and leaves libtorch's
/// thread setting of every other thread alone. The suite runs libtorch with one thread (TestSetup), so each test sets
/// two threads for itself and puts the suite's setting back.
/// </summary>
public sealed class SequenceParallelTests
{
    [Theory]
    [InlineData(2, 9)]
    [InlineData(5, 70)]
    public void Split_inference_matches_the_sequential_encoder(int groups, int positions)
    {
        using var encoder = new TransformerEncoder(2, 32, 4, 64, 0.0);
        encoder.eval();
        using var x = randn(groups, positions, 32);
        using var padding = rand(groups, positions).lt(0.3);
        padding[TensorIndex.Colon, 0] = tensor(false);   // every row keeps a position it may attend to

        foreach (var mask in new[] { null, padding })
        {
            using var sequential = Infer(encoder, x, mask, split: false);
            using var split = Infer(encoder, x, mask, split: true);
            Assert.Equal(x.shape, split.shape);
            Assert.True(split.allclose(sequential, 1e-5, 1e-5), $"max difference {(split - sequential).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void Other_threads_keep_their_intra_op_thread_count()
    {
        using var encoder = new TransformerEncoder(1, 16, 2, 32, 0.0);
        encoder.eval();
        using var x = randn(4, 5, 16);
        using var output = Infer(encoder, x, null, split: true);

        WithThreads(2, () =>
        {
            using (inference_mode()) encoder.forward(x, null).Dispose();
            Assert.Equal(2, torch.get_num_threads());
            var seenByANewThread = 0;
            var thread = new Thread(() => seenByANewThread = torch.get_num_threads());
            thread.Start();
            thread.Join();
            Assert.Equal(2, seenByANewThread);
        });
    }

    [Fact]
    public void Training_and_gradients_keep_the_calling_thread()
    {
        using var encoder = new TransformerEncoder(1, 16, 2, 32, 0.0);
        using var x = randn(4, 5, 16, requires_grad: true);
        WithThreads(2, () =>
        {
            encoder.train();
            using var trained = encoder.forward(x, null);
            Assert.True(trained.requires_grad);
            encoder.eval();
            using var evaluated = encoder.forward(x, null);   // evaluation mode, gradients still recorded
            Assert.True(evaluated.requires_grad);
        });
    }

    [Fact]
    public void An_error_on_a_worker_reaches_the_caller_and_the_workers_keep_serving()
    {
        // TryEncode is internal: called through reflection with an encode step that fails for one share of the batch.
        var tryEncode = typeof(SequenceParallel).GetMethod("TryEncode", BindingFlags.NonPublic | BindingFlags.Static)!;
        using var x = randn(4, 5, 16);
        Func<Tensor, Tensor?, Tensor> failOnSecondShare = (share, _) =>
            share.allclose(x.narrow(0, 2, 2)) ? throw new InvalidOperationException("share 2 failed") : share.mul(2);

        WithThreads(2, () =>
        {
            using var inference = inference_mode();
            var error = Assert.Throws<TargetInvocationException>(() => tryEncode.Invoke(null, new object?[] { x, null, failOnSecondShare }));
            Assert.Equal("share 2 failed", error.InnerException!.Message);

            var workerThreads = new System.Collections.Concurrent.ConcurrentBag<int>();
            Func<Tensor, Tensor?, Tensor> doubleIt = (share, _) =>
            {
                workerThreads.Add(torch.get_num_threads());
                return share.mul(2);
            };
            using var doubled = (Tensor)tryEncode.Invoke(null, new object?[] { x, null, doubleIt })!;
            Assert.True(doubled.equal(x * 2).all().item<bool>());
            Assert.Equal(new[] { 1, 1 }, workerThreads.ToArray());   // each worker runs one intra-op thread
            Assert.Equal(2, torch.get_num_threads());
        });
    }

    private static Tensor Infer(TransformerEncoder encoder, Tensor x, Tensor? mask, bool split)
    {
        Tensor? result = null;
        var before = SequenceParallel.Enabled;
        SequenceParallel.Enabled = split;
        try
        {
            WithThreads(2, () =>
            {
                using var inference = inference_mode();
                result = encoder.forward(x, mask);
            });
        }
        finally
        {
            SequenceParallel.Enabled = before;
        }

        return result!;
    }

    private static void WithThreads(int threads, Action action)
    {
        var before = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            action();
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}
