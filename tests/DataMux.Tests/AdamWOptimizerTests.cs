using System;
using System.Linq;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>
/// <see cref="AdamWOptimizer"/> against TorchSharp's own AdamW, whose arithmetic it keeps (it exists because TorchSharp's
/// converts its hyper-parameters to Scalars that the finalizer can free during the call: see ScalarOperandTests).
/// </summary>
public sealed class AdamWOptimizerTests : SeededTests
{
    [Fact]
    public void Updates_as_TorchSharps_AdamW_does()
    {
        using var ours = torch.nn.Linear(6, 4);
        using var theirs = torch.nn.Linear(6, 4);
        theirs.load_state_dict(ours.state_dict());
        using var optimizer = new AdamWOptimizer(ours.parameters(), weightDecay: 0.05);
        using var reference = torch.optim.AdamW(theirs.parameters(), 0.01, weight_decay: 0.05);
        var inputs = Enumerable.Range(0, 5).Select(_ => torch.randn(3, 6)).ToArray();

        foreach (var (input, step) in inputs.Select((x, i) => (x, i)))
        {
            var learningRate = 0.01 * (1 - step / 10.0);
            optimizer.ZeroGrad();
            using (var loss = ours.forward(input).pow(2).sum()) loss.backward();
            optimizer.Step(learningRate);

            reference.zero_grad();
            foreach (var group in reference.ParamGroups) group.LearningRate = learningRate;
            using (var loss = theirs.forward(input).pow(2).sum()) loss.backward();
            reference.step();
        }

        AssertSameParameters(ours, theirs);
        foreach (var input in inputs) input.Dispose();
    }

    [Fact]
    public void A_parameter_whose_first_gradient_comes_late_counts_its_own_steps()
    {
        // One step counter for all parameters gave a late parameter the bias corrections of step 3 at its first update.
        using var ours = new Pair();
        using var theirs = new Pair();
        theirs.load_state_dict(ours.state_dict());
        using var optimizer = new AdamWOptimizer(ours.parameters(), weightDecay: 0.01);
        using var reference = torch.optim.AdamW(theirs.parameters(), 0.01, weight_decay: 0.01);
        using var input = torch.randn(2, 3);

        for (var step = 0; step < 5; step++)
        {
            var both = step >= 2;   // the second layer takes part from the third step on
            optimizer.ZeroGrad();
            using (var loss = ours.Loss(input, both)) loss.backward();
            optimizer.Step(0.01);
            reference.zero_grad();
            using (var loss = theirs.Loss(input, both)) loss.backward();
            reference.step();
        }

        AssertSameParameters(ours, theirs);
    }

    [Fact]
    public void Moments_made_inside_a_callers_inference_mode_block_can_be_updated()
    {
        using var layer = torch.nn.Linear(3, 2);
        AdamWOptimizer optimizer;
        using (torch.inference_mode()) optimizer = new AdamWOptimizer(layer.parameters(), weightDecay: 0.01);
        using (optimizer)
        {
            using (var loss = layer.forward(torch.ones(1, 3)).sum()) loss.backward();

            optimizer.Step(0.01);   // "Inplace update to inference tensor outside InferenceMode" before
        }
    }

    [Theory]
    [InlineData(-1.0, 0.9, 0.999, 1e-8, "weightDecay")]
    [InlineData(0.0, 1.0, 0.999, 1e-8, "beta1")]
    [InlineData(0.0, 0.9, -0.1, 1e-8, "beta2")]
    [InlineData(0.0, 0.9, 0.999, 0.0, "epsilon")]
    public void Rejects_settings_outside_their_ranges(double weightDecay, double beta1, double beta2, double epsilon, string parameter)
    {
        using var layer = torch.nn.Linear(3, 2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamWOptimizer(layer.parameters(), weightDecay, beta1, beta2, epsilon));

        Assert.Equal(parameter, error.ParamName);
    }

    private static void AssertSameParameters(nn.Module ours, nn.Module theirs)
    {
        foreach (var (mine, expected) in ours.parameters().Zip(theirs.parameters()))
        {
            Assert.True(mine.allclose(expected, 1e-6, 1e-7), $"max difference {(mine - expected).abs().max().item<float>()}");
        }
    }

    private sealed class Pair : nn.Module
    {
        private readonly TorchSharp.Modules.Linear first = torch.nn.Linear(3, 3);
        private readonly TorchSharp.Modules.Linear second = torch.nn.Linear(3, 1);

        public Pair() : base(nameof(Pair)) => RegisterComponents();

        public Tensor Loss(Tensor input, bool both)
        {
            using var hidden = first.forward(input);
            return both ? second.forward(hidden).sum() : hidden.pow(2).sum();
        }
    }
}
