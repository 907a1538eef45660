using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// AdamW (Adam with decoupled weight decay), the arithmetic of <c>torch.optim.AdamW</c> without amsgrad, with every
/// scalar operand held in a variable for the whole step. <see cref="MultiplexedTrainer"/> trains with it; it serves
/// training loops of one's own as well.
/// </summary>
/// <remarks>
/// TorchSharp's own AdamW passes its doubles to libtorch as implicitly converted <see cref="Scalar"/>s, which nothing
/// keeps alive during the native call: the finalizer can free one while libtorch reads it, and the step then fails with
/// libtorch's "Expected false to be true" from <c>Scalar::toDouble</c> (a training test failed so once in a full suite
/// run; with a thread forcing collections, 80 of 1.7 million such calls failed in 20 s, none of 1.9 million with held
/// scalars; its step 61 times in 110,179, this one's none in 157,339), or reads whatever the freed memory holds. The
/// runtime's own calls hold theirs too (<see cref="HeldScalars"/>; a test reads its sources for implicit conversions).
/// </remarks>
public sealed class AdamWOptimizer : IDisposable
{
    private readonly Parameter[] parameters;
    private readonly Tensor[] averages;
    private readonly Tensor[] squaredAverages;
    private readonly double weightDecay;
    private readonly double beta1;
    private readonly double beta2;
    private readonly double epsilon;
    private readonly int[] steps; // per parameter, counted when it has a gradient (as torch.optim.AdamW does)
    private bool disposed;

    /// <summary>Moment estimates start at zero for every parameter (PyTorch's defaults for betas and epsilon).</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="weightDecay">Decoupled weight decay (0: Adam).</param>
    /// <param name="beta1">Decay of the first moment estimate.</param>
    /// <param name="beta2">Decay of the second moment estimate.</param>
    /// <param name="epsilon">Added to the denominator.</param>
    public AdamWOptimizer(IEnumerable<Parameter> parameters, double weightDecay, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(weightDecay >= 0 && double.IsFinite(weightDecay))) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Expected a non-negative, finite weight decay.");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Expected beta1 in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Expected beta2 in [0, 1).");
        if (!(epsilon > 0 && double.IsFinite(epsilon))) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected a positive, finite epsilon.");
        this.parameters = parameters.ToArray();
        steps = new int[this.parameters.Length];
        (this.weightDecay, this.beta1, this.beta2, this.epsilon) = (weightDecay, beta1, beta2, epsilon);
        // Outside inference mode: moments made inside a caller's inference_mode block could not be updated in place
        // later ("Inplace update to inference tensor outside InferenceMode").
        using (torch.inference_mode(false))
        using (torch.no_grad())
        {
            // The moments live as long as the optimizer, whatever dispose scope the caller is in.
            averages = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
            squaredAverages = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        }
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    /// <param name="learningRate">This step's learning rate (a schedule's value).</param>
    public void Step(double learningRate)
    {
        if (!(learningRate > 0 && double.IsFinite(learningRate))) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Expected a positive, finite learning rate.");
        ObjectDisposedException.ThrowIf(disposed, this);
        using var noGrad = torch.no_grad();
        using var decay = (1 - learningRate * weightDecay).ToScalar();
        using var keep1 = beta1.ToScalar();
        using var take1 = (1 - beta1).ToScalar();
        using var keep2 = beta2.ToScalar();
        using var take2 = (1 - beta2).ToScalar();
        using var eps = epsilon.ToScalar();
        for (var i = 0; i < parameters.Length; i++)
        {
            using var gradient = parameters[i].grad;
            if (gradient is null) continue;

            // A parameter's bias corrections count its own steps: one whose first gradient comes late starts at 1.
            steps[i]++;
            using var rootCorrection2 = Math.Sqrt(1 - Math.Pow(beta2, steps[i])).ToScalar();
            using var stepSize = (-learningRate / (1 - Math.Pow(beta1, steps[i]))).ToScalar();

            parameters[i].mul_(decay);
            averages[i].mul_(keep1).add_(gradient, take1);
            squaredAverages[i].mul_(keep2).addcmul_(gradient, gradient, take2);
            using var denominator = squaredAverages[i].sqrt();
            denominator.div_(rootCorrection2).add_(eps, HeldScalars.One);
            parameters[i].addcdiv_(averages[i], denominator, stepSize);
        }
    }

    /// <summary>
    /// The optimizer's state for a checkpoint: both moment estimates of every parameter (in the order the parameters
    /// were given) and the per-parameter step counts. The tensors are the live ones: write them before the next step.
    /// </summary>
    internal IEnumerable<KeyValuePair<string, Tensor>> State()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        for (var i = 0; i < parameters.Length; i++)
        {
            yield return new($"average/{i}", averages[i]);
            yield return new($"squared/{i}", squaredAverages[i]);
        }

        yield return new("steps", torch.tensor(steps.Select(static s => (long)s).ToArray()));
    }

    /// <summary>Puts back a state written from <see cref="State"/> for the same parameters.</summary>
    /// <exception cref="System.IO.InvalidDataException">The state is for other parameters (count or shapes).</exception>
    internal void LoadState(IReadOnlyDictionary<string, Tensor> state, string source)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!state.TryGetValue("steps", out var counts) || counts.numel() != parameters.Length)
            throw new System.IO.InvalidDataException($"'{source}' holds optimizer state for another set of parameters (expected {parameters.Length}).");
        // In this order: leaving inference mode turns gradients back on.
        using (torch.inference_mode(false))
        using (torch.no_grad())
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!state.TryGetValue($"average/{i}", out var average) || !state.TryGetValue($"squared/{i}", out var squared)
                    || !average.shape.SequenceEqual(averages[i].shape) || !squared.shape.SequenceEqual(squaredAverages[i].shape))
                {
                    throw new System.IO.InvalidDataException($"'{source}' holds optimizer state for another set of parameters (parameter {i} differs).");
                }

                averages[i].copy_(average);
                squaredAverages[i].copy_(squared);
            }

            var loaded = counts.to(ScalarType.Int64).data<long>().ToArray();
            for (var i = 0; i < parameters.Length; i++) steps[i] = checked((int)loaded[i]);
        }
    }

    /// <summary>Frees the moment estimates.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in averages.Concat(squaredAverages)) tensor.Dispose();
    }
}
