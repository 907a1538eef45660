using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Validation;

/// <summary>
/// Checks the token ids a model is given before any work is done, so that a wrong shape, dtype or id is reported
/// as the model's own error (model name, expected, actual) instead of a libtorch index error deep in the embedding.
/// </summary>
public static class TokenChecks
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="tokens"/> is an int64 tensor of shape
    /// <c>[rows, length]</c> with <c>rows &gt;= 1</c>, <c>1 &lt;= length &lt;= maxLength</c> and every id in
    /// <c>[0, vocabulary)</c>, on <paramref name="device"/> when one is given. The message names
    /// <paramref name="modelName"/>, what was expected and what was given.
    /// </summary>
    /// <param name="tokens">The token ids passed to the model's <c>forward</c>.</param>
    /// <param name="modelName">The model's name, used in the message.</param>
    /// <param name="maxLength">The longest accepted sequence.</param>
    /// <param name="vocabulary">Number of user token ids.</param>
    /// <param name="device">The device the model's parameters are on, or null not to check.</param>
    public static void Validate(Tensor tokens, string modelName, int maxLength, int vocabulary, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var shape = tokens.shape;
        if (shape.Length != 2 || shape[0] < 1 || shape[1] < 1 || shape[1] > maxLength)
        {
            throw new ArgumentException(
                $"{modelName} expects token ids of shape [rows, length] with rows >= 1 and 1 <= length <= {maxLength}, " +
                $"but got shape {Format(shape)}.", nameof(tokens));
        }

        if (tokens.dtype != ScalarType.Int64)
        {
            throw new ArgumentException(
                $"{modelName} expects token ids of dtype {ScalarType.Int64} (long), but got {tokens.dtype}.", nameof(tokens));
        }

        if (device is not null && !Devices.IsOn(tokens, device))
        {
            // Otherwise the first operator that meets both fails with libtorch's "Expected all tensors to be on the same device".
            throw new ArgumentException(
                $"{modelName} runs on {device}, but got token ids on {tokens.device}; move them first (tokens.to(...)).", nameof(tokens));
        }

        // One reduction pair instead of a per-element scan on the host; the values are only read back when needed.
        using var scope = torch.NewDisposeScope();
        var minimum = tokens.min().item<long>();
        var maximum = tokens.max().item<long>();
        if (minimum < 0 || maximum >= vocabulary)
        {
            var offending = minimum < 0 ? minimum : maximum;
            throw new ArgumentException(
                $"{modelName} expects token ids in [0, {vocabulary}), but got id {offending} " +
                $"(smallest id {minimum}, largest id {maximum}).", nameof(tokens));
        }
    }

    /// <summary>Formats a shape as <c>[a, b, ...]</c> for error messages.</summary>
    internal static string Format(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
