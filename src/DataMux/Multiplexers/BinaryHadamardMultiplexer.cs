using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// φᵢ keeps a disjoint block of d/N features of input i (0/1 mask; the last block takes the remainder when N does
/// not divide d) and zeroes the rest; the N results are averaged. Deterministic: the seed is accepted for a uniform
/// constructor but not used. The masks are saved with the model: a buffer, or a parameter when they are trainable
/// (the reference code's <c>learn_muxing</c>, which then starts from the blocks).
/// </summary>
public sealed class BinaryHadamardMultiplexer : Multiplexer
{
    private readonly Tensor masks;

    /// <summary>Creates the block masks.</summary>
    /// <param name="n">Inputs per group; at most <paramref name="hidden"/>, so that every input keeps a feature.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="seed">Unused (the masks are not random); kept for the shared constructor shape.</param>
    /// <param name="trainable">Whether training updates the masks (a parameter instead of a buffer).</param>
    public BinaryHadamardMultiplexer(int n, int hidden, int seed, bool trainable = false)
        : base(nameof(BinaryHadamardMultiplexer), n, hidden)
    {
        _ = seed;
        if (n > hidden)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n,
                $"BinaryHadamard gives every input a disjoint block of Hidden / N features, so N must be at most Hidden ({hidden}), but N is {n}.");
        }

        var width = hidden / n;
        var values = new float[n * hidden];
        for (var i = 0; i < n; i++)
        {
            var end = i == n - 1 ? hidden : (i + 1) * width;
            for (var j = i * width; j < end; j++) values[i * hidden + j] = 1f;
        }

        masks = RandomTransforms.Keep(torch.tensor(values, new long[] { n, hidden }), trainable);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>The 0/1 masks, <c>[N, d]</c> (the registered buffer or parameter).</summary>
    public Tensor Masks => masks;

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>: mean over i of xᵢ ⊙ maskᵢ.</summary>
    public override Tensor forward(Tensor embedded) => MeanOfElementwiseProducts(embedded, masks);
}
