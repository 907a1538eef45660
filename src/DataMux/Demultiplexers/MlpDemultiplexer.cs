using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Demultiplexers;

/// <summary>
/// MLP demux: one small MLP per index i (Linear d→d, GELU, LayerNorm with its own affine parameters), then a shared
/// Linear d→d, GELU, LayerNorm. The prefix is a single CLS token: <see cref="Sequence"/> reads the CLS state,
/// <see cref="Tokens"/> every content token. The N per-index Linears are stored as one batched weight
/// <c>[N, d, d]</c> and applied with one contraction. Cost grows with N.
/// </summary>
public sealed class MlpDemultiplexer : Demultiplexer
{
    private readonly Tensor prefix;
    private readonly Parameter index_weight;
    private readonly Parameter index_bias;
    private readonly Parameter index_norm_weight;
    private readonly Parameter index_norm_bias;
    private readonly Linear shared;
    private readonly LayerNorm norm;

    /// <summary>Creates the demux for <paramref name="layout"/> (N and the special ids) and width <paramref name="hidden"/>.</summary>
    public MlpDemultiplexer(TokenLayout layout, int hidden)
        : base(nameof(MlpDemultiplexer), layout, hidden)
    {
        prefix = torch.tensor(new[] { layout.Cls }, new long[] { 1, 1 });
        // Same initialisation as N separate nn.Linear(d, d): U(-1/√d, 1/√d) for weight and bias.
        var bound = 1.0 / Math.Sqrt(hidden);
        index_weight = new Parameter(torch.empty(layout.N, hidden, hidden).uniform_(-bound, bound));
        index_bias = new Parameter(torch.empty(layout.N, hidden).uniform_(-bound, bound));
        index_norm_weight = new Parameter(torch.ones(layout.N, hidden));
        index_norm_bias = new Parameter(torch.zeros(layout.N, hidden));
        shared = Linear(hidden, hidden);
        norm = LayerNorm(hidden);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <inheritdoc/>
    public override int PrefixLength => 1;

    /// <summary>Prepends the CLS token: <c>[G·N, L]</c> -> <c>[G·N, 1+L]</c>.</summary>
    public override Tensor AddPrefix(Tensor tokens) => PrependCls(tokens, prefix);

    /// <summary>One representation per input from the CLS state: <c>[G, 1+L, d]</c> -> <c>[G·N, d]</c> (row g·N+i).</summary>
    public override Tensor Sequence(Tensor hidden, Tensor? shortcut = null)
    {
        RefuseShortcut(shortcut);
        DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        using var scope = torch.NewDisposeScope();
        var groups = hidden.shape[0];
        var perIndex = torch.einsum("gd,nde->gne", hidden.select(1, 0), index_weight).add_(index_bias, HeldScalars.One); // [G, N, d]
        var result = Shared(IndexNorm(functional.gelu(perIndex), index_norm_weight, index_norm_bias));
        return scope.MoveToOuter(result.reshape(groups * N, Hidden));
    }

    /// <summary>One representation per input token: <c>[G, 1+L, d]</c> -> <c>[G·N, L, d]</c> (row g·N+i).</summary>
    public override Tensor Tokens(Tensor hidden, Tensor? shortcut = null)
    {
        RefuseShortcut(shortcut);
        var length = DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        using var scope = torch.NewDisposeScope();
        var groups = hidden.shape[0];
        var content = hidden.narrow(1, PrefixLength, length);
        var perIndex = torch.einsum("gld,nde->gnle", content, index_weight).add_(index_bias.unsqueeze(1), HeldScalars.One); // [G, N, L, d]
        var normed = IndexNorm(functional.gelu(perIndex), index_norm_weight.unsqueeze(1), index_norm_bias.unsqueeze(1));
        return scope.MoveToOuter(Shared(normed).reshape(groups * N, length, Hidden));
    }

    /// <summary>LayerNorm over d with per-index affine parameters broadcast along the index dimension.</summary>
    private Tensor IndexNorm(Tensor x, Tensor weight, Tensor bias)
        => functional.layer_norm(x, new long[] { Hidden }).mul_(weight).add_(bias, HeldScalars.One);

    /// <summary>The shared Linear, GELU, LayerNorm.</summary>
    private Tensor Shared(Tensor x) => norm.forward(functional.gelu(shared.forward(x)));
}
