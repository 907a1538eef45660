using System;
using DataMux.Multiplexers;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Images;

/// <summary>
/// Runs one of the token multiplexers (which mix <c>[G·N, L, d]</c>) on float inputs of any shape: every input is one
/// position of width d = the product of its other dimensions, so Gaussian Hadamard, Orthogonal, binary Hadamard,
/// Identity, Learned and the plain pass-through work on feature vectors and images unchanged.
/// </summary>
public static class ImageMixing
{
    /// <summary><c>[G·N, ...]</c> -> <c>[G, ...]</c> through <paramref name="mux"/>.</summary>
    public static Tensor Mix(Multiplexer mux, Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(mux);
        ArgumentNullException.ThrowIfNull(rows);
        var shape = rows.shape;
        var width = rows.numel() / Math.Max(shape[0], 1);
        if (width != mux.Hidden)
        {
            throw new ArgumentException(
                $"{mux.GetName()} mixes inputs of {mux.Hidden} values each, but got shape {Validation.TokenChecks.Format(shape)} ({width} per row).", nameof(rows));
        }

        using var positions = rows.reshape(shape[0], 1, width);
        using var mixed = mux.forward(positions);
        shape[0] /= mux.N;
        return mixed.reshape(shape);
    }
}
