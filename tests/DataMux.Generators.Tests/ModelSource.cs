namespace DataMux.Generators.Tests;

/// <summary>
/// Model declarations for the generator's tests, built from the parts a test varies (an attribute's arguments, the
/// declaration line, what follows the model); everything else is one valid default, written here once.
/// </summary>
internal static class ModelSource
{
    /// <summary>The smallest valid <c>[Multiplexed]</c> arguments.</summary>
    public const string DefaultMultiplexed = "N = 2";

    /// <summary>The smallest valid <c>[Transformer]</c> arguments.</summary>
    public const string DefaultTransformer = "Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50";

    /// <summary>The default task attribute.</summary>
    public const string DefaultTask = "SequenceClassification";

    /// <summary>The three attribute lines of a valid model, each replaceable, ending in a line break.</summary>
    public static string Attributes(string multiplexed = DefaultMultiplexed, string transformer = DefaultTransformer, string task = DefaultTask) =>
        $"[Multiplexed({multiplexed})]\n[Transformer({transformer})]\n[{task}]\n";

    /// <summary>The smallest valid <c>[Mlp]</c> arguments.</summary>
    public const string DefaultMlp = "Mlp(Inputs = 12, Hidden = 16)";

    /// <summary>The smallest valid <c>[Cnn]</c> arguments.</summary>
    public const string DefaultCnn = "Cnn(Channels = 1, Height = 8, Width = 8, Layers = 2, Filters = 4, Hidden = 16)";

    /// <summary>A whole file declaring one image model, <c>Demo.Model</c>: backbone and task attributes written whole.</summary>
    public static string ImageModel(string multiplexed = DefaultMultiplexed, string backbone = DefaultMlp, string task = "ImageClassification(Classes = 3)") =>
        File($"[Multiplexed({multiplexed})]\n[{backbone}]\n[{task}]\npublic partial class Model {{ }}");

    /// <summary>
    /// A file in namespace <c>Demo</c> with <c>using DataMux;</c> (after <paramref name="usings"/>, when given) and
    /// <paramref name="declarations"/>, the first of them documented (the test compilation treats warnings as errors).
    /// </summary>
    public static string File(string declarations, string usings = "") =>
        usings + "using DataMux;\nnamespace Demo;\n/// <summary>A model.</summary>\n" + declarations;

    /// <summary>A whole file declaring one model, <c>Demo.Model</c> unless <paramref name="declaration"/> says otherwise.</summary>
    public static string Model(string multiplexed = DefaultMultiplexed, string transformer = DefaultTransformer, string task = DefaultTask, string declaration = "public partial class Model") =>
        File(Attributes(multiplexed, transformer, task) + declaration + " { }");
}
