using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// φᵢ(x) = x·Oᵢ with Oᵢ a random (Haar) orthogonal d×d matrix per index, combined by the mean over N, as in the
/// paper. The reference code combines with sum / √N instead; the two differ only by the constant factor √N. The
/// mean is used so that every mux variant combines the same way (Identity, BinaryHadamard, GaussianHadamard and this
/// one are then directly comparable), at the price of shrinking the mixed representation's norm by about √N for
/// independent inputs; the first encoder layer's residual LayerNorm and trained weights absorb that scale.
/// Cost O(N·L·d²), computed as one contraction over (i, d) rather than N separate matrix products.
/// </summary>
public sealed class OrthogonalMultiplexer : Multiplexer
{
    private readonly Tensor transforms;

    /// <summary>Creates the mux with matrices drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="n">Inputs per group.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="seed">Seed of the random matrices.</param>
    public OrthogonalMultiplexer(int n, int hidden, int seed)
        : base(nameof(OrthogonalMultiplexer), n, hidden)
    {
        using (var generator = RandomTransforms.CreateGenerator(seed))
        {
            transforms = RandomTransforms.HaarOrthogonal(n, hidden, generator);
        }

        RegisterComponents();
    }

    /// <summary>The orthogonal matrices Oᵢ, <c>[N, d, d]</c> (the registered buffer).</summary>
    public Tensor Transforms => transforms;

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>: mean over i of xᵢ·Oᵢ.</summary>
    public override Tensor forward(Tensor embedded)
    {
        using var grouped = ViewGroups(embedded);
        // The einsum result is returned (scaled in place), so it is not disposed here.
        var summed = torch.einsum("gnld,nde->gle", grouped, transforms);
        return summed.div_(N);
    }
}
