using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Images;

/// <summary>
/// What every generated image model ([Mlp] or [Cnn] with [ImageClassification]) implements besides
/// <c>Module&lt;Tensor, Tensor&gt;</c>, so that <see cref="ImageTrainer"/> and benchmarks work on any of them.
/// </summary>
public interface IMultiplexedImageModel
{
    /// <summary>The attribute values the model was generated from.</summary>
    ImageModelConfiguration Configuration { get; }

    /// <summary>
    /// Maps inputs <c>[rows, Inputs]</c> (Mlp) or <c>[rows, Channels, Height, Width]</c> (Cnn), float32, to logits
    /// <c>[rows, Classes]</c>, N rows per backbone pass.
    /// </summary>
    Tensor forward(Tensor images);

    /// <summary>
    /// The first half of <see cref="forward"/>: multiplexes every group of the batch and runs the backbone,
    /// <c>[G·N, ...]</c> -> <c>[G, Hidden]</c>. The batch's rows are not checked again: group rows that
    /// <see cref="forward"/> would accept.
    /// </summary>
    Tensor Encode(ImageBatch batch);

    /// <summary>
    /// The second half: demultiplexes <c>[G, Hidden]</c> and applies the head, giving logits <c>[G·N, Classes]</c> for every
    /// grouped row, filler rows included (<see cref="ImageBatch.Ungroup"/> strips them).
    /// </summary>
    Tensor Decode(Tensor hidden);
}
