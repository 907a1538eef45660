using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// The reference implementation's default mux: φᵢ(x) = x ⊙ vᵢ with vᵢ ~ N(0, I) scaled to unit L2 norm and then by
/// <see cref="NormConstant"/>; the N results are averaged. Cost O(N·L·d). The vectors are saved with the model: a
/// buffer, or a parameter that training updates when they are trainable (the reference code's <c>learn_muxing</c>).
/// </summary>
public sealed class GaussianHadamardMultiplexer : Multiplexer
{
    private readonly Tensor vectors;

    /// <summary>Creates the mux with vectors drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="n">Inputs per group.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="seed">Seed of the random vectors.</param>
    /// <param name="normConstant">Norm of every vᵢ: 1 for plain fine-tuning (default), 20 in the reference retrieval warm-up.</param>
    /// <param name="trainable">Whether training updates the vectors (a parameter instead of a buffer).</param>
    public GaussianHadamardMultiplexer(int n, int hidden, int seed, double normConstant = 1.0, bool trainable = false)
        : base(nameof(GaussianHadamardMultiplexer), n, hidden)
    {
        if (!(normConstant > 0 && double.IsFinite(normConstant)))
            throw new ArgumentOutOfRangeException(nameof(normConstant), normConstant, "Expected a positive, finite norm constant.");
        NormConstant = normConstant;
        using (var generator = RandomTransforms.CreateGenerator(seed))
        using (var gaussian = torch.randn(new long[] { n, hidden }, generator: generator))
        using (var norms = gaussian.norm(1, keepdim: true))
        using (var scale = normConstant.ToScalar()) // held: see HeldScalars
        {
            vectors = RandomTransforms.Keep(gaussian.div(norms).mul_(scale), trainable);
        }

        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>The L2 norm every vector vᵢ was scaled to.</summary>
    public double NormConstant { get; }

    /// <summary>The vectors vᵢ, <c>[N, d]</c> (the registered buffer or parameter).</summary>
    public Tensor Vectors => vectors;

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>: mean over i of xᵢ ⊙ vᵢ.</summary>
    public override Tensor forward(Tensor embedded) => MeanOfElementwiseProducts(embedded, vectors);
}
