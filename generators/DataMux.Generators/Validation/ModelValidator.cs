using System.Collections.Generic;
using System.Globalization;
using DataMux.Generators.Diagnostics;
using DataMux.Generators.Models;

namespace DataMux.Generators.Validation;

/// <summary>
/// Checks a model's attribute values: a pure function of the values (and where they are written), so every
/// rule is easy to test and the runtime never sees a configuration it would reject.
/// </summary>
internal static class ModelValidator
{
    private const string Multiplexed = "Multiplexed";

    /// <summary>The largest N whose N * (N + 1) index-demux prefix ids an int counts.</summary>
    internal const int MaximumN = 46340;

    /// <summary>The largest N with any demux: the embedding table's Vocabulary + N + 2 rows (Vocabulary >= 1) fit an int.</summary>
    internal const int MaximumNAnyDemux = int.MaxValue - 3;

    public static IEnumerable<DiagnosticInfo> Validate(ModelSpec spec, ArgumentLocations locations) =>
        spec.IsImageModel ? ImageModelValidator.Validate(spec, locations) : ValidateTransformer(spec, locations);

    private static IEnumerable<DiagnosticInfo> ValidateTransformer(ModelSpec spec, ArgumentLocations locations)
    {
        if (spec.Mux == MuxKind.Convolution)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.MuxDoesNotFitBackbone, locations.Of(Multiplexed, "Mux"), spec.Mux, spec.BackboneAttribute,
                "GaussianHadamard, Orthogonal, BinaryHadamard, Identity, Learned, Contextual, None (Convolution mixes images: use [Cnn])");
        }

        if (spec.N < 1)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidN, locations.Of(Multiplexed, "N"), spec.N);
        }
        else if (spec.N > MaximumN && spec.Demux == DemuxKind.IndexEmbedding)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Multiplexed, "N"), "N",
                "at most " + MaximumN.ToString(CultureInfo.InvariantCulture) + " (the index demux's prefix holds N * (N + 1) ids in one array)", spec.N);
        }
        else if (spec.N > MaximumNAnyDemux)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Multiplexed, "N"), "N",
                "at most " + MaximumNAnyDemux.ToString(CultureInfo.InvariantCulture) + " (the embedding table holds Vocabulary + N + 2 rows)", spec.N);
        }

        // The sizes' attribute: [Transformer], or [Backbone], which has no layers, heads or feed-forward of ours.
        var backbone = spec.BackboneAttribute;
        var sizes = spec.IsTransformer
            ? new[] { ("Layers", spec.Layers), ("Hidden", spec.Hidden), ("Heads", spec.Heads), ("MaxLength", spec.MaxLength), ("Vocabulary", spec.Vocabulary) }
            : new[] { ("Hidden", spec.Hidden), ("MaxLength", spec.MaxLength), ("Vocabulary", spec.Vocabulary) };
        foreach (var (name, value) in sizes)
        {
            if (value < 1)
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(backbone, name), name, "at least 1", value);
            }
        }

        // Upper bounds: the sizes the runtime derives from these (the feed-forward width 4 * Hidden, the vocabulary with
        // its N + 2 special ids, the positions with the N + 1 prefix slots) must still be ints.
        // An N already reported as too large leaves no sensible bound for the sizes that depend on it.
        var n = System.Math.Min(System.Math.Max(spec.N, 1), MaximumNAnyDemux);
        foreach (var (name, value, maximum) in new[]
                 {
                     ("Hidden", spec.Hidden, spec.IsTransformer && spec.FeedForward == 0 ? int.MaxValue / 4 : int.MaxValue),
                     ("MaxLength", spec.MaxLength, spec.N > MaximumNAnyDemux ? int.MaxValue : int.MaxValue - n - 1),
                     ("Vocabulary", spec.Vocabulary, spec.N > MaximumNAnyDemux ? int.MaxValue : int.MaxValue - n - 2),
                 })
        {
            if (value > maximum)
            {
                var why = name == "Hidden" ? " (FeedForward = 0 makes the feed-forward width 4 * Hidden)" : $" (with N = {n})";
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(backbone, name), name,
                    "at most " + maximum.ToString(CultureInfo.InvariantCulture) + why, value);
            }
        }

        if (spec.FeedForward < 0)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(backbone, "FeedForward"), "FeedForward", "positive, or 0 for 4 * Hidden", spec.FeedForward);
        }

        if (spec.Outputs < 2)
        {
            var (attribute, name) = spec.Task == ModelTask.SequenceClassification
                ? ("SequenceClassification", "Classes")
                : ("TokenClassification", "Labels");
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(attribute, name), name, "at least 2", spec.Outputs);
        }

        if (spec.IsTransformer && spec.Hidden >= 1 && spec.Heads >= 1 && spec.Hidden % spec.Heads != 0)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.HiddenNotDivisibleByHeads, locations.Of(backbone, "Heads", "Hidden"), spec.Hidden, spec.Heads);
        }

        if (spec.Vocabulary >= 1 && (spec.PaddingToken < 0 || spec.PaddingToken >= spec.Vocabulary))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PaddingTokenOutOfRange, locations.Of(backbone, "PaddingToken", "Vocabulary"), spec.Vocabulary, spec.PaddingToken);
        }

        // Written so that NaN fails too.
        if (!(spec.Dropout >= 0 && spec.Dropout < 1))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.DropoutOutOfRange, locations.Of(backbone, "Dropout"), spec.Dropout.ToString("R", CultureInfo.InvariantCulture));
        }

        if (spec.Mux == MuxKind.BinaryHadamard && spec.N >= 1 && spec.Hidden >= 1 && spec.N > spec.Hidden)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.BinaryHadamardTooNarrow, locations.Of(Multiplexed, "N"), spec.N, spec.Hidden);
        }

        foreach (var diagnostic in MultiplexingOptions(spec, locations))
        {
            yield return diagnostic;
        }
    }

    /// <summary>The plain backbone's three settings, MuxNorm's range, and options given to a mux they mean nothing to.</summary>
    private static IEnumerable<DiagnosticInfo> MultiplexingOptions(ModelSpec spec, ArgumentLocations locations)
    {
        var plainMux = spec.Mux == MuxKind.None;
        var plainDemux = spec.Demux == DemuxKind.None;
        if (plainMux && !plainDemux)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PlainModelMismatch, locations.Of(Multiplexed, "Demux", "Mux"),
                $"Mux = None has no mix to demultiplex, but Demux is {spec.Demux}; set Demux = Demux.None");
        }
        else if (plainDemux && !plainMux)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PlainModelMismatch, locations.Of(Multiplexed, "Mux", "Demux"),
                $"Demux = None reads one input per backbone pass, but Mux is {spec.Mux}; set Mux = Mux.None");
        }
        else if (plainMux && spec.N > 1)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.PlainModelMismatch, locations.Of(Multiplexed, "N"),
                "N must be 1 (one input per backbone pass), but is " + spec.N.ToString(CultureInfo.InvariantCulture));
        }

        if (spec.Mux == MuxKind.Contextual && !spec.IsTransformer)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.NeedsTransformer, locations.Of(Multiplexed, "Mux"), "Mux = Contextual",
                "its two attention layers take the Transformer's Heads and FeedForward, which [Backbone] does not have; use [Transformer] or another Mux");
        }

        // Written so that NaN fails too.
        if (!(spec.MuxNorm > 0 && spec.MuxNorm <= double.MaxValue))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.MuxNormOutOfRange, locations.Of(Multiplexed, "MuxNorm"), spec.MuxNorm.ToString("R", CultureInfo.InvariantCulture));
        }
        else if (spec.Mux is not (MuxKind.GaussianHadamard or MuxKind.Contextual) && locations.IsWritten(Multiplexed, "MuxNorm"))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "MuxNorm"), "MuxNorm", "Mux = " + spec.Mux,
                "it is the norm of the Gaussian Hadamard vectors; remove it or use Mux.GaussianHadamard or Mux.Contextual");
        }

        if (spec.LearnMux && spec.Mux is MuxKind.Identity or MuxKind.None or MuxKind.Learned)
        {
            var why = spec.Mux == MuxKind.Learned ? "its maps are trained anyway" : "it has no transform to learn";
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "LearnMux"), "LearnMux = true", "Mux = " + spec.Mux, why + "; remove LearnMux");
        }

        if (plainMux && spec.Reembed && locations.IsWritten(Multiplexed, "Reembed"))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "Reembed"), "Reembed = true", "Mux = " + spec.Mux,
                "there is no mix to embed again; remove Reembed");
        }

        var widestWindow = 2L * System.Math.Max(spec.MaxLength, 1) + 1;
        if (spec.ContextWindow != 0 && (spec.ContextWindow < 3 || spec.ContextWindow % 2 == 0 || spec.ContextWindow > widestWindow))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, locations.Of(Multiplexed, "ContextWindow"), "ContextWindow",
                "0 (no context layer) or an odd number of positions from 3 to " + widestWindow.ToString(CultureInfo.InvariantCulture) +
                " (the token and as many neighbours on each side; a wider window than 2 * MaxLength + 1 sees only padding)", spec.ContextWindow);
        }
        else if (spec.ContextWindow != 0 && spec.Mux is MuxKind.None or MuxKind.Contextual)
        {
            var why = spec.Mux == MuxKind.None
                ? "there is no mix to give context before; remove ContextWindow"
                : "the contextual mux has its own layer over every input; remove ContextWindow or use Mux.GaussianHadamard";
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "ContextWindow"),
                "ContextWindow = " + spec.ContextWindow.ToString(CultureInfo.InvariantCulture), "Mux = " + spec.Mux, why);
        }

        if (spec.InputShortcut && spec.Demux != DemuxKind.IndexEmbedding)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.OptionDoesNotApply, locations.Of(Multiplexed, "InputShortcut"), "InputShortcut = true", "Demux = " + spec.Demux,
                "the shortcut's rows are added to the index demux's projection; use Demux.IndexEmbedding or remove InputShortcut");
        }
    }
}
