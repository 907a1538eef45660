using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Backbones;

/// <summary>
/// The [Mlp] backbone after the mix: <c>Layers</c> blocks of Linear d→d, GELU and dropout (in training, when its
/// probability is not 0). <c>[G, d]</c> -> <c>[G, d]</c>.
/// </summary>
public sealed class MlpBackbone : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly FastDropout dropout;

    /// <summary>Creates <paramref name="layerCount"/> Linear + GELU blocks of width <paramref name="hidden"/>.</summary>
    /// <param name="layerCount">Blocks after the mix, at least 1.</param>
    /// <param name="hidden">Width d, at least 1.</param>
    /// <param name="dropout">Dropout probability after every block in training, in [0, 1); 0 adds none.</param>
    public MlpBackbone(int layerCount, int hidden, double dropout = 0) : base(nameof(MlpBackbone))
    {
        if (layerCount < 1) throw new ArgumentOutOfRangeException(nameof(layerCount), layerCount, "Expected Layers >= 1.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected Hidden >= 1.");
        Hidden = hidden;
        var blocks = new List<Linear>();
        for (var i = 0; i < layerCount; i++) blocks.Add(Linear(hidden, hidden));
        layers = new ModuleList<Linear>(blocks.ToArray());
        this.dropout = new FastDropout(dropout); // it refuses a probability outside [0, 1)
        RegisterComponents();
    }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>The dropout probability after every block in training (0: none).</summary>
    public double DropoutProbability => dropout.Probability;

    /// <inheritdoc/>
    public override Tensor forward(Tensor mixed)
    {
        ArgumentNullException.ThrowIfNull(mixed);
        using var scope = torch.NewDisposeScope();
        var x = mixed;
        foreach (var layer in layers) x = dropout.forward(functional.gelu(layer.forward(x)));
        return scope.MoveToOuter(x);
    }
}
