using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Demultiplexers;

/// <summary>
/// The image models' demux (Demux.Mlp there), as the DataMUX vision code has it: one Linear d→d and tanh per index.
/// <c>[G, d]</c> -> <c>[G·N, d]</c> (row g·N+i is input i of group g). The N Linears are one batched weight
/// <c>[N, d, d]</c> applied with one contraction.
/// </summary>
public sealed class PerIndexDemultiplexer : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Creates the demux for <paramref name="n"/> inputs of width <paramref name="hidden"/>.</summary>
    public PerIndexDemultiplexer(int n, int hidden) : base(nameof(PerIndexDemultiplexer))
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Expected N >= 1 inputs per group.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected Hidden >= 1.");
        N = n;
        Hidden = hidden;
        // Same initialisation as N separate nn.Linear(d, d): U(-1/√d, 1/√d) for weight and bias.
        var bound = 1.0 / Math.Sqrt(hidden);
        weight = new Parameter(torch.empty(n, hidden, hidden).uniform_(-bound, bound));
        bias = new Parameter(torch.empty(n, hidden).uniform_(-bound, bound));
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor hidden)
    {
        DemultiplexerShapes.GroupStates(hidden, Hidden, GetName());

        using var scope = torch.NewDisposeScope();
        var groups = hidden.shape[0];
        var perIndex = torch.einsum("gd,ned->gne", hidden, weight).add_(bias, HeldScalars.One); // [G, N, d]
        return scope.MoveToOuter(perIndex.tanh_().reshape(groups * N, Hidden));
    }
}
