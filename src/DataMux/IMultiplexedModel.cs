using TorchSharp;
using static TorchSharp.torch;

namespace DataMux;

/// <summary>
/// What every generated model implements besides <c>Module&lt;Tensor, Tensor&gt;</c>: its configuration and its
/// parts, so that trainers and benchmarks work on any generated model.
/// </summary>
public interface IMultiplexedModel
{
    /// <summary>The attribute values the model was generated from.</summary>
    ModelConfiguration Configuration { get; }

    /// <summary>The model's submodules in call order (for per-component timing and inspection).</summary>
    ModelParts Parts { get; }

    /// <summary>Maps token ids <c>[rows, length]</c> (int64) to logits: <c>[rows, Classes]</c> or <c>[rows, length, Labels]</c>.</summary>
    Tensor forward(Tensor tokens);

    /// <summary>
    /// The first half of <see cref="forward"/>, for trainers that need the backbone's output: adds the demultiplexer's
    /// prefix to the grouped rows, embeds them, multiplexes every group (and re-embeds the mix where the model does) and
    /// runs the backbone. <c>[G·N, L]</c> -> <c>[G, P+L, d]</c>, P being the prefix length. The batch's ids are not
    /// checked again: group rows that <see cref="forward"/> would accept.
    /// </summary>
    Tensor Encode(Batching.MultiplexedBatch batch);

    /// <summary>
    /// The second half of <see cref="forward"/>: demultiplexes the backbone's output <paramref name="hidden"/> of
    /// <paramref name="batch"/> (whose tokens an input shortcut reads) and applies the task head, giving logits for every
    /// grouped row, filler rows included (<c>batch.Ungroup</c> strips them):
    /// <c>[G, P+L, d]</c> -> <c>[G·N, Classes]</c> or <c>[G·N, L, Labels]</c>.
    /// </summary>
    Tensor Decode(Tensor hidden, Batching.MultiplexedBatch batch);
}
