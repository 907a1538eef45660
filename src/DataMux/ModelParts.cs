using TorchSharp;
using static TorchSharp.torch;

namespace DataMux;

/// <summary>The submodules of a generated model, in call order.</summary>
/// <param name="Embedding">Token and position embedding.</param>
/// <param name="Mux">The multiplexer.</param>
/// <param name="Encoder">
/// The backbone, <c>[G, S, d]</c> plus a padding mask <c>[G, S]</c> (or null) -> <c>[G, S, d]</c>: a
/// <see cref="Backbones.TransformerEncoder"/> for <see cref="TransformerAttribute"/>, a <see cref="Backbones.ModuleBackbone"/>
/// around the user's module for <see cref="BackboneAttribute"/>.
/// </param>
/// <param name="Demux">The demultiplexer.</param>
/// <param name="Head">The task head.</param>
/// <param name="Shortcut">The input shortcut, or null when the model has none.</param>
/// <param name="Context">The per-input context layer before the mix, or null when the model has none.</param>
public sealed record ModelParts(
    Backbones.TokenEmbedding Embedding,
    Multiplexers.Multiplexer Mux,
    nn.Module<Tensor, Tensor?, Tensor> Encoder,
    Demultiplexers.Demultiplexer Demux,
    nn.Module<Tensor, Tensor> Head,
    Demultiplexers.InputShortcut? Shortcut = null,
    Multiplexers.LocalContext? Context = null);
