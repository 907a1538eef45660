using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// Mixes the N inputs of every multiplexed group into one representation of the size of a single input:
/// <c>[G·N, L, d]</c> (row g·N+i is input i of group g) -> <c>[G, L, d]</c>.
/// </summary>
public abstract class Multiplexer : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates a multiplexer for <paramref name="n"/> inputs of width <paramref name="hidden"/>.</summary>
    protected Multiplexer(string name, int n, int hidden) : base(name)
    {
        N = n;
        Hidden = hidden;
    }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }
}
