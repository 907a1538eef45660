using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// No multiplexing (<see cref="Mux.None"/>): one input per backbone pass (N = 1), passed through unchanged. With
/// <see cref="Demultiplexers.PlainDemultiplexer"/> it makes the plain Transformer, the paper's baseline B1.
/// </summary>
public sealed class PlainMultiplexer : Multiplexer
{
    /// <summary>Creates the pass-through for width <paramref name="hidden"/>.</summary>
    /// <param name="n">Inputs per group: must be 1.</param>
    /// <param name="hidden">Representation width d.</param>
    public PlainMultiplexer(int n, int hidden)
        : base(nameof(PlainMultiplexer), n, hidden)
    {
        if (n != 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"{nameof(PlainMultiplexer)} passes one input per backbone pass through, so N must be 1, but N is {n}.");
        RegisterComponents();
    }

    /// <summary>Returns <c>[G, L, d]</c> (G = rows) as it is: a view of the same data.</summary>
    public override Tensor forward(Tensor embedded)
    {
        using var grouped = ViewGroups(embedded);
        return grouped.select(1, 0);
    }
}
