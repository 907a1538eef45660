using System.Collections.Generic;

namespace DataMux.Generators.Models;

/// <summary>
/// The names the emitter declares in the generated part (constants, properties, fields), which the
/// model's own part must leave free. Kept beside the emitter; a test compares it with the members of generated code.
/// </summary>
internal static class GeneratedMembers
{
    private static readonly string[] Shared =
    [
        "N", "Layers", "Hidden", "Heads", "FeedForward", "MaxLength", "Vocabulary", "PaddingToken", "Dropout", "Seed",
        "MuxNorm", "LearnMux", "Reembed", "InputShortcut", "Configuration", "Parts", "Encode", "Decode", "embedding", "mux", "encoder",
        "demux", "shortcut", "head", "ContextWindow", "context",
    ];

    private static readonly HashSet<string> Sequence = [.. Shared, "Classes"];
    private static readonly HashSet<string> Token = [.. Shared, "Labels"];

    // Image models ([Mlp], [Cnn]): one set for both backbones, so that moving a model between them frees no name it used.
    private static readonly HashSet<string> Image =
    [
        "N", "Layers", "Hidden", "Inputs", "Channels", "Height", "Width", "Filters", "Classes", "Seed", "MuxNorm", "LearnMux", "Dropout",
        "Configuration", "Encode", "Decode", "projection", "mux", "backbone", "demux", "head",
    ];

    /// <summary>The member names generated for a model of <paramref name="task"/> (besides its constructor and <c>forward</c>).</summary>
    public static IReadOnlyCollection<string> Names(ModelTask task) =>
        task switch
        {
            ModelTask.SequenceClassification => Sequence,
            ModelTask.ImageClassification => Image,
            _ => Token,
        };
}
