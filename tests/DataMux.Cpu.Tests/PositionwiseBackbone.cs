using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Cpu.Tests;

/// <summary>A user's backbone for <see cref="BackboneAttribute"/>: a position-wise feed-forward block with a residual and LayerNorm, <c>[G, S, d]</c> -> <c>[G, S, d]</c>.</summary>
public sealed class PositionwiseBackbone : Module<Tensor, Tensor>
{
    private readonly Linear expand;
    private readonly Linear contract;
    private readonly LayerNorm norm;

    /// <summary>Builds the block for width <paramref name="hidden"/>.</summary>
    public PositionwiseBackbone(int hidden) : base(nameof(PositionwiseBackbone))
    {
        expand = Linear(hidden, 2 * hidden);
        contract = Linear(2 * hidden, hidden);
        norm = LayerNorm(hidden);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var block = contract.forward(functional.gelu(expand.forward(x)));
        return scope.MoveToOuter(norm.forward(x + block));
    }
}
