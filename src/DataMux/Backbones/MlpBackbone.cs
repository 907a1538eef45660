using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Backbones;

/// <summary>
/// The [Mlp] backbone after the mix: <c>Layers</c> blocks of Linear d→d and GELU. <c>[G, d]</c> -> <c>[G, d]</c>.
/// </summary>
public sealed class MlpBackbone : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    /// <summary>Creates <paramref name="layerCount"/> Linear + GELU blocks of width <paramref name="hidden"/>.</summary>
    public MlpBackbone(int layerCount, int hidden) : base(nameof(MlpBackbone))
    {
        if (layerCount < 1) throw new ArgumentOutOfRangeException(nameof(layerCount), layerCount, "Expected Layers >= 1.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected Hidden >= 1.");
        Hidden = hidden;
        var blocks = new List<Linear>();
        for (var i = 0; i < layerCount; i++) blocks.Add(Linear(hidden, hidden));
        layers = new ModuleList<Linear>(blocks.ToArray());
        RegisterComponents();
    }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor mixed)
    {
        ArgumentNullException.ThrowIfNull(mixed);
        using var scope = torch.NewDisposeScope();
        var x = mixed;
        foreach (var layer in layers) x = functional.gelu(layer.forward(x));
        return scope.MoveToOuter(x);
    }
}
