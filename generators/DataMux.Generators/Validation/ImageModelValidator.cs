using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;

namespace DataMux.Generators.Validation;

/// <summary>
/// Checks an image model's attribute values ([Mlp] or [Cnn] with [ImageClassification]): sizes, the [Cnn]'s pooling plan,
/// which Mux and Demux work on float inputs, and the multiplexing options that mean nothing there. A pure function of
/// the values and where they are written, like <see cref="ModelValidator"/>, which hands image models here.
/// </summary>
internal static class ImageModelValidator
{
    private const string Multiplexed = "Multiplexed";
    private const string Task = "ImageClassification";

    /// <summary>The muxes that work on feature vectors: every token mix, each input being one position of width Hidden.</summary>
    private static readonly MuxKind[] MlpMuxes = [MuxKind.GaussianHadamard, MuxKind.Orthogonal, MuxKind.BinaryHadamard, MuxKind.Identity, MuxKind.Learned, MuxKind.None];

    /// <summary>
    /// The muxes that work on images: the vision code's kernels on the images, and the element-wise mixes over the first
    /// block's feature map (the matrix-valued ones would need (F·H/2·W/2)² values per input).
    /// </summary>
    private static readonly MuxKind[] CnnMuxes = [MuxKind.Convolution, MuxKind.GaussianHadamard, MuxKind.Identity, MuxKind.None];

    public static IEnumerable<DiagnosticInfo> Validate(ModelSpec spec, ArgumentLocations locations)
    {
        var backbone = spec.Backbone.ToString();
        if (spec.N < 1)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidN, locations.Of(Multiplexed, "N"), spec.N);
        }

        var sizes = spec.Backbone == BackboneKind.Mlp
            ? new[] { ("Inputs", spec.Inputs), ("Hidden", spec.Hidden), ("Layers", spec.Layers) }
            : new[] { ("Channels", spec.Channels), ("Height", spec.Height), ("Width", spec.Width), ("Layers", spec.Layers), ("Filters", spec.Filters), ("Hidden", spec.Hidden) };
        foreach (var (name, value) in sizes)
        {
            if (value < 1)
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(backbone, name), name, "at least 1", value);
            }
        }

        if (sizes.All(static s => s.Item2 >= 1))
        {
            foreach (var diagnostic in Plan(spec, locations))
            {
                yield return diagnostic;
            }
        }

        // Written so that NaN fails too. A [Cnn] has no Dropout (its spec's is 0).
        if (!(spec.Dropout >= 0 && spec.Dropout < 1))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.DropoutOutOfRange, locations.Of(backbone, "Dropout"), spec.Dropout.ToString("R", CultureInfo.InvariantCulture));
        }

        if (spec.Outputs < 2)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Task, "Classes"), "Classes", "at least 2", spec.Outputs);
        }

        var muxes = spec.Backbone == BackboneKind.Mlp ? MlpMuxes : CnnMuxes;
        if (!muxes.Contains(spec.Mux))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.MuxDoesNotFitBackbone, locations.Of(Multiplexed, "Mux"), spec.Mux, backbone,
                string.Join(", ", muxes));
        }

        if (spec.Demux == DemuxKind.IndexEmbedding)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.DemuxDoesNotFitBackbone, locations.Of(Multiplexed, "Demux"), spec.Demux, backbone,
                "it reads index tokens prefixed to token ids, and this backbone reads float inputs; use Demux.Mlp (one Linear + tanh per index, the default here) or Demux.LearnedKeys");
        }

        if (spec.Mux == MuxKind.BinaryHadamard && spec.N >= 1 && spec.Hidden >= 1 && spec.N > spec.Hidden)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.BinaryHadamardTooNarrow, locations.Of(Multiplexed, "N"), spec.N, spec.Hidden);
        }

        foreach (var diagnostic in Options(spec, locations, backbone))
        {
            yield return diagnostic;
        }
    }

    /// <summary>The sizes the runtime derives (the image, the mixed feature map, the last one) must be ints, and the [Cnn]'s pooling must leave at least one pixel.</summary>
    private static IEnumerable<DiagnosticInfo> Plan(ModelSpec spec, ArgumentLocations locations)
    {
        if (spec.Backbone == BackboneKind.Mlp) yield break;
        const string Cnn = "Cnn";
        var pixels = (long)spec.Channels * spec.Height * spec.Width;
        if (pixels > int.MaxValue)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Cnn, "Height", "Width", "Channels"), "Channels * Height * Width",
                "at most " + int.MaxValue.ToString(CultureInfo.InvariantCulture), pixels);
            yield break;
        }

        var smallest = spec.Layers >= 31 ? (long)int.MaxValue + 1 : 1L << spec.Layers;
        if (spec.Height < smallest || spec.Width < smallest)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ImageTooSmallForLayers, locations.Of(Cnn, "Layers", "Height", "Width"),
                spec.Layers, smallest, spec.Height, spec.Width);
        }
        else if (spec.Mux != MuxKind.Convolution && (long)spec.Filters * (spec.Height / 2) * (spec.Width / 2) > int.MaxValue)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Cnn, "Filters"), "Filters",
                "at most " + (int.MaxValue / ((long)(spec.Height / 2) * (spec.Width / 2))).ToString(CultureInfo.InvariantCulture) +
                $" (Mux = {spec.Mux} mixes the feature map of the first block, Filters * (Height / 2) * (Width / 2) values)", spec.Filters);
        }
        else if ((long)spec.Filters * (spec.Height >> spec.Layers) * (spec.Width >> spec.Layers) > int.MaxValue)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Cnn, "Filters"), "Filters",
                "at most " + (int.MaxValue / ((long)(spec.Height >> spec.Layers) * (spec.Width >> spec.Layers))).ToString(CultureInfo.InvariantCulture) +
                " (the feature map after the last pooling, Filters * (Height >> Layers) * (Width >> Layers) values, feeds one Linear)", spec.Filters);
        }
    }

    /// <summary>The plain model's three settings, MuxNorm, LearnMux, and the text-only options.</summary>
    private static IEnumerable<DiagnosticInfo> Options(ModelSpec spec, ArgumentLocations locations, string backbone)
    {
        var plainMux = spec.Mux == MuxKind.None;
        var plainDemux = spec.Demux == DemuxKind.None;
        if (plainMux && !plainDemux && spec.Demux != DemuxKind.IndexEmbedding)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PlainModelMismatch, locations.Of(Multiplexed, "Demux", "Mux"),
                $"Mux = None has no mix to demultiplex, but Demux is {spec.Demux}; set Demux = Demux.None");
        }
        else if (plainDemux && !plainMux)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PlainModelMismatch, locations.Of(Multiplexed, "Mux", "Demux"),
                $"Demux = None reads one input per backbone pass, but Mux is {spec.Mux}; set Mux = Mux.None");
        }
        else if (plainMux && plainDemux && spec.N > 1)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PlainModelMismatch, locations.Of(Multiplexed, "N"),
                "N must be 1 (one input per backbone pass), but is " + spec.N.ToString(CultureInfo.InvariantCulture));
        }

        if (!(spec.MuxNorm > 0 && spec.MuxNorm <= double.MaxValue))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.MuxNormOutOfRange, locations.Of(Multiplexed, "MuxNorm"), spec.MuxNorm.ToString("R", CultureInfo.InvariantCulture));
        }
        else if (spec.Mux != MuxKind.GaussianHadamard && locations.IsWritten(Multiplexed, "MuxNorm"))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "MuxNorm"), "MuxNorm", "Mux = " + spec.Mux,
                "it is the norm of the Gaussian Hadamard vectors; remove it or use Mux.GaussianHadamard");
        }

        if (spec.LearnMux && spec.Mux is MuxKind.Identity or MuxKind.None or MuxKind.Learned)
        {
            var why = spec.Mux == MuxKind.Learned ? "its maps are trained anyway" : "it has no transform to learn";
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "LearnMux"), "LearnMux = true", "Mux = " + spec.Mux, why + "; remove LearnMux");
        }

        // All three are about tokens: the mix's second embedding, the inputs' own token rows, their neighbours.
        foreach (var option in new[] { "Reembed", "InputShortcut", "ContextWindow" })
        {
            if (locations.IsWritten(Multiplexed, option))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, option), option, $"the [{backbone}] backbone",
                    "it works on token embeddings, and this backbone reads float inputs; remove it");
            }
        }
    }
}
