using System;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// The DataMUX vision code's mux: every index i has a fixed random 3×3 kernel per channel (drawn N(0, 1)); image i is
/// convolved with its kernels (channel by channel, padding 1) and the N results are summed, as that code sums them.
/// <c>[G·N, C, H, W]</c> -> <c>[G, C, H, W]</c>. The kernels are saved with the model: a buffer, or a parameter when trainable.
/// </summary>
public sealed class ConvolutionMultiplexer : nn.Module<Tensor, Tensor>
{
    private readonly Tensor kernels;

    /// <summary>Creates the mux for <paramref name="n"/> images of <paramref name="channels"/> channels.</summary>
    public ConvolutionMultiplexer(int n, int channels, int seed, bool trainable = false) : base(nameof(ConvolutionMultiplexer))
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"{nameof(ConvolutionMultiplexer)} expects N >= 1 inputs per group.");
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, $"{nameof(ConvolutionMultiplexer)} expects Channels >= 1.");
        N = n;
        Channels = channels;
        // One depthwise convolution over the N·C channels of a group applies every index's kernels in one call.
        using (var generator = RandomTransforms.CreateGenerator(seed))
        {
            kernels = RandomTransforms.Keep(torch.randn(new long[] { (long)n * channels, 1, 3, 3 }, generator: generator), trainable);
        }

        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>Inputs per group.</summary>
    public int N { get; }

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>The kernels, <c>[N·C, 1, 3, 3]</c> (index-major: rows i·C .. i·C+C-1 are index i's).</summary>
    public Tensor Kernels => kernels;

    /// <inheritdoc/>
    public override Tensor forward(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.shape;
        if (shape.Length != 4 || shape[1] != Channels || shape[0] == 0 || shape[0] % N != 0)
        {
            throw new ArgumentException(
                $"{GetName()} expects images of shape [G·N, {Channels}, H, W] with a positive multiple of N = {N} rows, but got shape {TokenChecks.Format(shape)}.",
                nameof(images));
        }

        using var scope = torch.NewDisposeScope();
        var groups = shape[0] / N;
        var stacked = images.reshape(groups, N * Channels, shape[2], shape[3]);
        var convolved = nn.functional.conv2d(stacked, kernels, padding: new long[] { 1, 1 }, groups: N * Channels);
        return scope.MoveToOuter(convolved.view(groups, N, Channels, shape[2], shape[3]).sum(1));
    }
}
