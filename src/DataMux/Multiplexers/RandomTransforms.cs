using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// Draws the fixed random transforms of the multiplexers from a local generator seeded with the model's seed, so
/// that the transforms depend on the seed alone and never on (or change) the global random state.
/// </summary>
internal static class RandomTransforms
{
    /// <summary>
    /// The transform as the mux keeps it: a buffer (fixed, the default), or a parameter that training updates
    /// (the reference code's <c>learn_muxing</c>). Either way it is in the state dict under the mux's field name.
    /// </summary>
    public static Tensor Keep(Tensor transform, bool trainable) => trainable ? new Parameter(transform) : transform;

    /// <summary>A CPU generator seeded with <paramref name="seed"/> (the int's bits, so negative seeds are distinct too).</summary>
    public static Generator CreateGenerator(int seed) => new(unchecked((ulong)(uint)seed), torch.CPU);

    /// <summary>
    /// <paramref name="count"/> independent Haar-distributed orthogonal <c>[size, size]</c> matrices, <c>[count, size, size]</c>:
    /// the QR decomposition of a Gaussian matrix with the columns of Q multiplied by the signs of diag(R), which
    /// makes the decomposition unique and the distribution uniform (Mezzadri, 2007).
    /// </summary>
    public static Tensor HaarOrthogonal(int count, int size, Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        var gaussian = torch.randn(new long[] { count, size, size }, dtype: ScalarType.Float32, generator: generator);
        // QR in float64 so that Q·Qᵀ = I holds to float32 precision after the cast back.
        var (q, r) = torch.linalg.qr(gaussian.to(ScalarType.Float64));
        var diagonal = r.diagonal(dim1: -2, dim2: -1);                         // [count, size]
        // The comparison's Scalar held, the two values tensors of the scope (see HeldScalars).
        using var zero = 0.0.ToScalar();
        var signs = torch.where(diagonal.lt(zero), torch.tensor(-1.0, ScalarType.Float64), torch.tensor(1.0, ScalarType.Float64));
        var orthogonal = (q * signs.unsqueeze(-2)).to(ScalarType.Float32).contiguous();
        return scope.MoveToOuter(orthogonal);
    }
}
