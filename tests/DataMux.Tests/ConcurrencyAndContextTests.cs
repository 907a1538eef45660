using System;
using System.Linq;
using System.Threading;
using DataMux.Batching;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>
/// The public API used the way a server or a notebook uses it (a fifth review of the runtime): predictions from
/// several threads on one training-mode model, training inside a caller's no_grad block, token training's tensors.
/// </summary>
public sealed class ConcurrencyAndContextTests : SeededTests
{
    /// <summary>Holds the first call inside forward until a second call is inside too, then lets the second finish first.</summary>
    private sealed class Gated : nn.Module<Tensor, Tensor>
    {
        private readonly FourWayDropoutModel inner;
        private int calls;

        public Gated(FourWayDropoutModel inner) : base(nameof(Gated))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public ManualResetEventSlim FirstInside { get; } = new();

        public ManualResetEventSlim SecondInside { get; } = new();

        public ManualResetEventSlim FirstDone { get; } = new();

        public override Tensor forward(Tensor tokens)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                FirstInside.Set();
                SecondInside.Wait();
            }
            else
            {
                SecondInside.Set();
                FirstDone.Wait();
            }

            return inner.forward(tokens);
        }
    }

    [Fact]
    public void Predict_on_two_threads_runs_both_in_evaluation_mode_and_restores_the_callers_flag()
    {
        // Each call restored the flags it had saved: the first restored training under the second's forward pass
        // (dropout on), and the second restored the evaluation flags it had found, for good.
        using var inner = new FourWayDropoutModel();
        using var tokens = torch.randint(1, 20, [8, 8]);
        inner.eval();
        using var expected = BatchedInference.Predict(inner, tokens, 8).clone();
        using var model = new Gated(inner);
        model.train();

        Tensor? second = null;
        var other = new Thread(() =>
        {
            model.FirstInside.Wait();
            second = BatchedInference.Predict(model, tokens, 8);
        });
        other.Start();
        using (var first = BatchedInference.Predict(model, tokens, 8))
        {
            Assert.True(first.allclose(expected, 1e-5, 1e-6));
        }

        model.FirstDone.Set();
        other.Join();
        using (second)
        {
            Assert.True(second!.allclose(expected, 1e-5, 1e-6), "the second thread's prediction ran with dropout on");
        }

        Assert.True(model.training, "the caller's training flag was not restored");
        Assert.All(model.modules(), module => Assert.True(module.training));
    }

    [Fact]
    public void Training_inside_a_callers_no_grad_block_trains()
    {
        // It failed at backward with libtorch's "element 0 of tensors does not require grad".
        using var model = new TwoWayModel();
        using var tokens = torch.randint(1, 12, [9, 6]);
        using var labels = torch.randint(0, 2, [9]);
        using var before = model.parameters().First().detach().clone();

        TrainingSummary summary;
        using (torch.no_grad())
        {
            summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = 1 });
            Assert.False(torch.is_grad_enabled());
        }

        Assert.Equal(2, summary.Steps);
        Assert.False(before.allclose(model.parameters().First().detach(), 0, 0));
    }

    [Fact]
    public void Training_inside_a_callers_inference_mode_block_trains()
    {
        // The optimizer's moments were made inside the caller's block, as inference tensors that no step could update.
        using var model = new TwoWayModel();
        using var tokens = torch.randint(1, 12, [9, 6]);
        using var labels = torch.randint(0, 2, [9]);
        using var before = model.parameters().First().detach().clone();

        TrainingSummary summary;
        using (torch.inference_mode())
        {
            summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = 1 });
        }

        Assert.Equal(2, summary.Steps);
        Assert.False(before.allclose(model.parameters().First().detach(), 0, 0));
    }

    /// <summary>A model whose training flag throws once when read, as a disposed module's handle would.</summary>
    private sealed class ThrowsOnce : nn.Module<Tensor, Tensor>
    {
        private readonly FourWayDropoutModel inner;

        public ThrowsOnce(FourWayDropoutModel inner) : base(nameof(ThrowsOnce))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public bool Throw { get; set; }

        public override bool training
        {
            get
            {
                if (!Throw) return base.training;
                Throw = false;
                throw new InvalidOperationException("the flag could not be read");
            }
        }

        public override Tensor forward(Tensor tokens) => inner.forward(tokens);
    }

    [Fact]
    public void A_Predict_that_fails_to_enter_evaluation_mode_leaves_later_ones_in_it()
    {
        // The lease counted its user before switching: a throw there left it counted for good, and every later call
        // skipped the switch and ran with dropout on.
        using var inner = new FourWayDropoutModel();
        using var tokens = torch.randint(1, 20, [8, 8]);
        inner.eval();
        using var expected = BatchedInference.Predict(inner, tokens, 8).clone();
        using var model = new ThrowsOnce(inner);
        model.train();
        model.Throw = true;

        Assert.Throws<InvalidOperationException>(() => BatchedInference.Predict(model, tokens, 8));
        using var again = BatchedInference.Predict(model, tokens, 8);

        Assert.True(again.allclose(expected, 1e-5, 1e-6), "the prediction ran with dropout on");
        Assert.True(model.training);
    }

    [Fact]
    public void Token_training_leaves_no_tensor_behind()
    {
        // Counting the batches with labels left two tensors per call (labels.ne(...) and its any(1)).
        using var model = new TwoWayTokenModel();
        using var tokens = torch.randint(1, 12, [9, 6]);
        using var labels = torch.randint(0, 2, [9, 6]);
        var options = new TrainingOptions { Epochs = 1, BatchGroups = 2 };
        MultiplexedTrainer.Train(model, tokens, labels, options);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        MultiplexedTrainer.Train(model, tokens, labels, options);

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
