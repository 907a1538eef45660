using System;
using DataMux.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Backbones;

/// <summary>
/// The backbone: a stack of batch-first <see cref="TransformerEncoderLayer"/>s. Runs once per multiplexed group:
/// <c>[G, L, d]</c> plus an optional padding mask <c>[G, L]</c> -> <c>[G, L, d]</c>.
/// </summary>
public sealed class TransformerEncoder : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly ModuleList<TransformerEncoderLayer> layers;

    /// <summary>Creates <paramref name="layers"/> identical-shaped layers.</summary>
    /// <param name="layers">Number of layers (at least 1).</param>
    /// <param name="hidden">Representation width d; divisible by <paramref name="heads"/>.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="feedForward">Width of each feed-forward block.</param>
    /// <param name="dropout">Dropout probability in training, in [0, 1).</param>
    public TransformerEncoder(int layers, int hidden, int heads, int feedForward, double dropout)
        : base(nameof(TransformerEncoder))
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "Expected at least 1 encoder layer.");
        Hidden = hidden;
        this.layers = new ModuleList<TransformerEncoderLayer>();
        for (var i = 0; i < layers; i++) this.layers.Add(new TransformerEncoderLayer(hidden, heads, feedForward, dropout));
        RegisterComponents();
    }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>
    /// Encodes <paramref name="x"/> <c>[G, L, d]</c>. <paramref name="paddingMask"/> is null or <c>[G, L]</c> bool,
    /// true at positions no query may attend to. Every row must keep at least one attendable position (softmax over
    /// nothing is undefined); the multiplexing prefix guarantees that in generated models.
    /// </summary>
    public override Tensor forward(Tensor x, Tensor? paddingMask)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 3 || x.size(2) != Hidden)
        {
            throw new ArgumentException(
                $"{nameof(TransformerEncoder)} expects input of shape [G, L, {Hidden}], but got shape {TokenChecks.Format(x.shape)}.", nameof(x));
        }

        if (paddingMask is not null &&
            (paddingMask.dtype != ScalarType.Bool || paddingMask.dim() != 2 || paddingMask.size(0) != x.size(0) || paddingMask.size(1) != x.size(1)))
        {
            throw new ArgumentException(
                $"{nameof(TransformerEncoder)} expects a bool padding mask of shape [{x.shape[0]}, {x.shape[1]}], " +
                $"but got {paddingMask.dtype} of shape {TokenChecks.Format(paddingMask.shape)}.", nameof(paddingMask));
        }

        using var scope = torch.NewDisposeScope();
        // scaled_dot_product_attention's bool mask means "may attend": invert once, broadcast over heads and queries.
        var attentionMask = paddingMask?.logical_not().view(x.size(0), 1, 1, x.size(1));
        var hidden = x;
        foreach (var layer in layers) hidden = layer.forward(hidden, attentionMask);
        return scope.MoveToOuter(hidden);
    }
}
