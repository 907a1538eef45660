using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Multiplexers;

/// <summary>
/// Gives every input's token representations their neighbours in that input before the mix
/// (<see cref="MultiplexedAttribute.ContextWindow"/>): a depthwise convolution over positions (one filter of
/// <see cref="Window"/> taps per feature, zero padding at the ends), GELU, a pointwise Linear d -> d, then a residual to the
/// input and LayerNorm. <c>[B, L, d]</c> -> <c>[B, L, d]</c>, every row on its own.
/// </summary>
/// <remarks>
/// Why: after the mix the backbone sees one sum of N inputs at every position, and its attention picks the same
/// neighbouring positions for all of them; a tagger trained from scratch learns to read each input's own token back out
/// of the mix but not that input's neighbours. With this layer each position already carries its own input's
/// neighbourhood into the mix. It is a cheap version of MUX-PLMs' contextual mux (a Transformer layer per input): per
/// position and input it costs Window·d + d² multiply-adds, against about 12·d² for a Transformer layer.
/// </remarks>
public sealed class LocalContext : Module<Tensor, Tensor>
{
    private readonly Conv1d depthwise;
    private readonly Linear pointwise;
    private readonly LayerNorm norm;

    /// <summary>Creates the layer.</summary>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="window">Positions each output sees: the position itself and (window - 1) / 2 on each side; odd, at least 3.</param>
    public LocalContext(int hidden, int window) : base(nameof(LocalContext))
    {
        if (hidden < 1)
            throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected a width of at least 1.");
        if (window < 3 || window % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(window), window, "Expected an odd window of at least 3 positions (the position and as many neighbours on each side).");
        Window = window;
        Hidden = hidden;
        depthwise = Conv1d(hidden, hidden, window, padding: window / 2, groups: hidden);
        pointwise = Linear(hidden, hidden);
        norm = LayerNorm(hidden);
        RegisterComponents();
    }

    /// <summary>Positions each output sees.</summary>
    public int Window { get; }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>Adds every position's neighbourhood in its own row: <c>[B, L, d]</c> -> <c>[B, L, d]</c>.</summary>
    public override Tensor forward(Tensor embedded)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        if (embedded.dim() != 3 || embedded.size(2) != Hidden)
        {
            throw new ArgumentException(
                $"{nameof(LocalContext)} expects [rows, length, {Hidden}] representations, but got shape {Validation.TokenChecks.Format(embedded.shape)}.",
                nameof(embedded));
        }

        using var scope = torch.NewDisposeScope();
        var neighbourhood = depthwise.forward(embedded.transpose(1, 2)).transpose(1, 2);
        var context = pointwise.forward(functional.gelu(neighbourhood));
        return scope.MoveToOuter(norm.forward(context.add_(embedded, HeldScalars.One)));
    }
}
