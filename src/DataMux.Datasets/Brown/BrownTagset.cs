using System;
using System.Collections.Generic;

namespace DataMux.Datasets.Brown;

/// <summary>
/// The Brown tags mapped to twelve coarse part-of-speech tags, the universal tag set's categories (Petrov, Das and
/// McDonald 2012): <c>NOUN</c>, <c>VERB</c>, <c>ADJ</c>, <c>ADV</c>, <c>ADP</c>, <c>DET</c>, <c>PRON</c>, <c>CONJ</c>,
/// <c>NUM</c>, <c>PRT</c>, punctuation <c>.</c> and <c>X</c> for the rest. A tag is mapped by its base: lower-cased,
/// the part before its first <c>-</c> or <c>+</c> (<c>nn-tl</c>, <c>vb+ppo</c>), without a trailing <c>*</c> or <c>$</c>
/// (negation, possessive), then by prefix: nn/np/nr NOUN; vb/be/do/hv/md VERB; jj ADJ; wrb/rb/ql ADV; in ADP;
/// at/dt/ap/ab/wdt DET; pp/wp/ex PRON; cc/cs CONJ; cd/od NUM; to/rp PRT. The punctuation tags (<c>. , : ( ) '' `` -- '</c>)
/// and the negation tag <c>*</c> map to <c>.</c>. It is the mapping of the PyTorch accuracy peer this project is
/// measured against, so that both tag the same classes.
/// </summary>
public static class BrownTagset
{
    /// <summary>The twelve coarse tags in ordinal order: a tag's index here is its label.</summary>
    public static IReadOnlyList<string> Coarse { get; } = [".", "ADJ", "ADP", "ADV", "CONJ", "DET", "NOUN", "NUM", "PRON", "PRT", "VERB", "X"];

    private static readonly HashSet<string> Punctuation = [".", ",", ":", "(", ")", "''", "``", "--", "'", "*"];

    private static readonly (string Prefix, string Tag)[] Prefixes =
    [
        ("nn", "NOUN"), ("np", "NOUN"), ("nr", "NOUN"), ("vb", "VERB"), ("be", "VERB"), ("do", "VERB"), ("hv", "VERB"), ("md", "VERB"),
        ("jj", "ADJ"), ("wrb", "ADV"), ("rb", "ADV"), ("ql", "ADV"), ("in", "ADP"), ("at", "DET"), ("dt", "DET"), ("ap", "DET"),
        ("ab", "DET"), ("wdt", "DET"), ("pp", "PRON"), ("wp", "PRON"), ("ex", "PRON"), ("cc", "CONJ"), ("cs", "CONJ"),
        ("cd", "NUM"), ("od", "NUM"), ("to", "PRT"), ("rp", "PRT"),
    ];

    /// <summary>The coarse tag of the Brown tag <paramref name="brownTag"/>.</summary>
    public static string ToCoarse(string brownTag)
    {
        ArgumentException.ThrowIfNullOrEmpty(brownTag);
        if (Punctuation.Contains(brownTag)) return ".";
        var lower = brownTag.ToLowerInvariant();
        var cut = lower.IndexOfAny(['-', '+']);
        var core = (cut >= 0 ? lower[..cut] : lower).TrimEnd('*', '$');
        if (core.Length == 0) core = brownTag;
        foreach (var (prefix, tag) in Prefixes)
        {
            if (core.StartsWith(prefix, StringComparison.Ordinal)) return tag;
        }

        return "X";
    }

    /// <summary>The label (index in <see cref="Coarse"/>) of the Brown tag <paramref name="brownTag"/>.</summary>
    public static int Label(string brownTag) => LabelOf[ToCoarse(brownTag)];

    private static readonly Dictionary<string, int> LabelOf = CoarseLabels();

    private static Dictionary<string, int> CoarseLabels()
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Coarse.Count; i++) labels[Coarse[i]] = i;
        return labels;
    }
}
