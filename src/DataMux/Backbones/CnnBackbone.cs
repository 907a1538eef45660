using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Backbones;

/// <summary>
/// The [Cnn] backbone: <c>Layers</c> blocks of 3×3 convolution (padding 1), GELU and 2×2 max pooling (each block halves
/// height and width, rounding down), then Linear to d and GELU. <c>[G, C, H, W]</c> -> <c>[G, d]</c>.
/// <see cref="forward"/> is <see cref="Trunk"/> after <see cref="Stem"/>: a model whose mux mixes feature maps runs the
/// stem (the first block) on every input and the trunk once per group on the mix.
/// </summary>
public sealed class CnnBackbone : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Conv2d> convolutions;
    private readonly Linear projection;

    /// <summary>Creates the backbone for images of <paramref name="channels"/>×<paramref name="height"/>×<paramref name="width"/>.</summary>
    public CnnBackbone(int channels, int height, int width, int layerCount, int filters, int hidden) : base(nameof(CnnBackbone))
    {
        if (channels < 1 || height < 1 || width < 1 || layerCount < 1 || filters < 1 || hidden < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(channels),
                $"Expected positive sizes, but got Channels {channels}, Height {height}, Width {width}, Layers {layerCount}, Filters {filters}, Hidden {hidden}.");
        }

        var (outHeight, outWidth) = OutputSize(height, width, layerCount);
        if (outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(layerCount), layerCount,
                $"{layerCount} blocks of 2×2 pooling need images of at least {1L << Math.Min(layerCount, 62)}×{1L << Math.Min(layerCount, 62)} pixels, but got {height}×{width}.");
        }

        var blocks = new List<Conv2d>();
        for (var i = 0; i < layerCount; i++) blocks.Add(Conv2d(i == 0 ? channels : filters, filters, 3, padding: 1));
        convolutions = new ModuleList<Conv2d>(blocks.ToArray());
        projection = Linear((long)filters * outHeight * outWidth, hidden);
        Hidden = hidden;
        RegisterComponents();
    }

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>Height and width after <paramref name="layerCount"/> halvings (rounding down); 0 when the image is too small.</summary>
    public static (long Height, long Width) OutputSize(long height, long width, int layerCount) =>
        layerCount >= 62 ? (0, 0) : (height >> layerCount, width >> layerCount);

    /// <inheritdoc/>
    public override Tensor forward(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Trunk(Stem(images)));
    }

    /// <summary>The first block: <c>[rows, C, H, W]</c> -> <c>[rows, F, H/2, W/2]</c>.</summary>
    public Tensor Stem(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Block(convolutions[0], images));
    }

    /// <summary>The other <c>Layers - 1</c> blocks and the projection: <c>[G, F, H/2, W/2]</c> -> <c>[G, d]</c>.</summary>
    public Tensor Trunk(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = torch.NewDisposeScope();
        var x = features;
        for (var i = 1; i < convolutions.Count; i++) x = Block(convolutions[i], x);
        return scope.MoveToOuter(functional.gelu(projection.forward(x.flatten(1))));
    }

    private static Tensor Block(Conv2d convolution, Tensor x) => functional.max_pool2d(functional.gelu(convolution.forward(x)), 2);
}
