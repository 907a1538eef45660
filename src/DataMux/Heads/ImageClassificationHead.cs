using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Heads;

/// <summary>
/// The image models' shared output layer, as the DataMUX vision code's (<c>OL</c>): Linear d→classes.
/// <c>[R, d]</c> -> <c>[R, classes]</c>.
/// </summary>
public sealed class ImageClassificationHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear classifier;

    /// <summary>Creates the head.</summary>
    public ImageClassificationHead(int hidden, int classes) : base(nameof(ImageClassificationHead))
    {
        classifier = Linear(hidden, classes);
        RegisterComponents();
    }

    /// <summary>The device of the head's weights (the model's), for the input checks.</summary>
    public Device Device => classifier.weight!.device;

    /// <inheritdoc/>
    public override Tensor forward(Tensor representations)
    {
        ArgumentNullException.ThrowIfNull(representations);
        return classifier.forward(representations);
    }
}
