using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>φᵢ(x) = x: the plain mean of the N inputs. An ablation baseline (the inputs are not separable by index).</summary>
public sealed class IdentityMultiplexer : Multiplexer
{
    /// <summary>Creates the mux.</summary>
    /// <param name="n">Inputs per group.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="seed">Unused (nothing is random); kept for the shared constructor shape.</param>
    public IdentityMultiplexer(int n, int hidden, int seed)
        : base(nameof(IdentityMultiplexer), n, hidden)
    {
        _ = seed;
        RegisterComponents();
    }

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>: the mean over i.</summary>
    public override Tensor forward(Tensor embedded)
    {
        using var grouped = ViewGroups(embedded);
        return grouped.mean(new long[] { 1 });
    }
}
