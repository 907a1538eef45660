using System;

namespace DataMux;

/// <summary>
/// A convolutional backbone on images <c>[rows, Channels, Height, Width]</c> (float32): <see cref="Layers"/> blocks of
/// 3×3 convolution (<see cref="Filters"/> channels, padding 1), GELU and 2×2 max pooling, then a Linear + GELU to
/// <see cref="Hidden"/> features. Where the N inputs of a group are mixed depends on the mux: the default
/// <see cref="Mux.Convolution"/> (a fixed random 3×3 kernel per index, as the DataMUX vision code does) mixes the images,
/// and every block runs once per group; <see cref="Mux.GaussianHadamard"/>, <see cref="Mux.Identity"/> and
/// <see cref="Mux.None"/> mix the first block's feature maps (<c>Filters·(Height/2)·(Width/2)</c> values per input), so
/// the first block runs on every image and the other blocks once per group, as the [Mlp]'s projection runs on every
/// input. Every block halves the image, so Height and Width must be at least 2^Layers.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CnnAttribute : Attribute
{
    /// <summary>Channels per image (1 for grey-scale).</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Image height in pixels. Must be set: the default 0 is an error.</summary>
    public int Height { get; set; }

    /// <summary>Image width in pixels. Must be set: the default 0 is an error.</summary>
    public int Width { get; set; }

    /// <summary>Convolution + pooling blocks, the first included where it runs before the mix.</summary>
    public int Layers { get; set; } = 2;

    /// <summary>Output channels of every convolution.</summary>
    public int Filters { get; set; } = 32;

    /// <summary>Width of the representation the demultiplexer receives.</summary>
    public int Hidden { get; set; } = 128;
}
