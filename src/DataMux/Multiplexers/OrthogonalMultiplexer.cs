using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// φᵢ(x) = x·Oᵢ with Oᵢ a random (Haar) orthogonal d×d matrix per index, combined by Σᵢ / √N as in the reference
/// code (the paper writes the mean; the two differ by the constant √N). For independent inputs the sum over √N keeps
/// a single input's scale. Cost O(N·L·d²), computed as one matrix product over the joint index (i, d). The matrices
/// are saved with the model: a buffer, or a parameter when they are trainable.
/// </summary>
public sealed class OrthogonalMultiplexer : Multiplexer
{
    private readonly Tensor transforms;

    /// <summary>Creates the mux with matrices drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="n">Inputs per group.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="seed">Seed of the random matrices.</param>
    /// <param name="trainable">Whether training updates the matrices (a parameter instead of a buffer).</param>
    public OrthogonalMultiplexer(int n, int hidden, int seed, bool trainable = false)
        : base(nameof(OrthogonalMultiplexer), n, hidden)
    {
        using (var generator = RandomTransforms.CreateGenerator(seed))
        {
            transforms = RandomTransforms.Keep(RandomTransforms.HaarOrthogonal(n, hidden, generator), trainable);
        }

        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>The orthogonal matrices Oᵢ, <c>[N, d, d]</c> (the registered buffer or parameter).</summary>
    public Tensor Transforms => transforms;

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>: Σᵢ xᵢ·Oᵢ / √N.</summary>
    public override Tensor forward(Tensor embedded)
    {
        using var grouped = ViewGroups(embedded, transforms);
        var (groups, length) = (grouped.shape[0], grouped.shape[2]);
        // Σᵢ xᵢ·Oᵢ is one matrix product over the joint index (i, c): rows [G·L, N·d] (one copy of the input)
        // times the stacked matrices [N·d, d]. A single GEMM with a long inner dimension runs several times faster
        // than the equivalent einsum, which libtorch executes as N batched products followed by a reduction.
        using var rows = grouped.permute(0, 2, 1, 3).reshape(groups * length, N * Hidden);
        using var stacked = transforms.view(N * Hidden, Hidden);
        using var summed = rows.mm(stacked);
        using var root = Math.Sqrt(N).ToScalar(); // held: see HeldScalars
        return summed.view(groups, length, Hidden).div_(root);
    }
}
