using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Demultiplexers;

/// <summary>
/// The arithmetic MUX-PLMs' learned-keys demux shares between token and image models. Input i's view of a state h is
/// <c>x = LayerNorm(GELU(Linear_2d→d([kᵢ ; h])))</c>, then <c>LayerNorm'(GELU(Linear_d→d(x))) + x</c>. The Linear on the
/// concatenation is applied as its two halves, W_k·kᵢ once per index (<see cref="KeyPart"/>) and W_h·h + b once per state
/// (<see cref="StatePart"/>), broadcast-added by the caller; the concatenation is never built. The modules stay fields
/// of each demux, so that their state-dict names are the demux's own.
/// </summary>
internal static class LearnedKeysBlock
{
    /// <summary>W_k·kᵢ for every index: <c>[N, d]</c> (no bias; it comes with the state half).</summary>
    public static Tensor KeyPart(Parameter keys, Linear project, int hidden) =>
        functional.linear(keys, project.weight!.narrow(1, 0, hidden));

    /// <summary>W_h·h + b for states <c>[..., d]</c>.</summary>
    public static Tensor StatePart(Tensor states, Linear project, int hidden) =>
        functional.linear(states, project.weight!.narrow(1, hidden, hidden), project.bias);

    /// <summary>GELU and LayerNorm of the projected sum, then the second Linear, GELU, LayerNorm and the residual.</summary>
    public static Tensor Apply(Tensor summed, LayerNorm norm, Linear output, LayerNorm outputNorm)
    {
        var first = norm.forward(functional.gelu(summed));
        return outputNorm.forward(functional.gelu(output.forward(first))).add_(first, HeldScalars.One);
    }
}
