using System;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Images;

/// <summary>
/// Checks the float inputs an image model is given before any work is done, so that a wrong shape, dtype or device is
/// reported as the model's own error (model name, expected, actual) instead of a libtorch error deep in a layer.
/// </summary>
public static class ImageChecks
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="images"/> is a float32 tensor of shape
    /// <c>[rows, ...inputShape]</c> with rows &gt;= 1, on <paramref name="device"/> when one is given.
    /// </summary>
    /// <param name="images">The inputs passed to the model's <c>forward</c>.</param>
    /// <param name="modelName">The model's name, used in the message.</param>
    /// <param name="inputShape">One input's shape: <c>[Inputs]</c> or <c>[Channels, Height, Width]</c>.</param>
    /// <param name="device">The device the model's parameters are on, or null not to check.</param>
    public static void Validate(Tensor images, string modelName, ReadOnlySpan<long> inputShape, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.shape;
        var expected = "[rows, " + string.Join(", ", inputShape.ToArray()) + "]";
        if (shape.Length != inputShape.Length + 1 || shape[0] < 1 || !shape.AsSpan(1).SequenceEqual(inputShape))
        {
            throw new ArgumentException(
                $"{modelName} expects inputs of shape {expected} with rows >= 1, but got shape {TokenChecks.Format(shape)}.", nameof(images));
        }

        if (images.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"{modelName} expects inputs of dtype {ScalarType.Float32} (float), but got {images.dtype}.", nameof(images));
        }

        if (device is not null && !Devices.IsOn(images, device))
        {
            throw new ArgumentException(
                $"{modelName} runs on {device}, but got inputs on {images.device}; move them first (images.to(...)).", nameof(images));
        }
    }
}
