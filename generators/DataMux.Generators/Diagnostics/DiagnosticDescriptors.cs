using Microsoft.CodeAnalysis;

namespace DataMux.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable (documented in docs/diagnostics and tracked in
/// AnalyzerReleases.*.md). The generator's are errors, because an invalid model cannot be generated; the configuration
/// analyzer's (<see cref="Analyzers.ConfigurationAnalyzer"/>) are warnings about models that compile but are known to be
/// poor, reported by an analyzer so that <c>#pragma warning disable</c> and <c>.editorconfig</c> severities reach them.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "DataMux";


    /// <summary>Format: "'{0}' must be declared partial so that DataMux can generate its model".</summary>
    public static readonly DiagnosticDescriptor ModelNotPartial = Create(
        "DMX0001",
        "Multiplexed model must be partial",
        "'{0}' must be declared partial so that DataMux can generate its model");

    /// <summary>Format: "'{0}' cannot be a multiplexed model because it is {1}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedModelType = Create(
        "DMX0002",
        "Multiplexed model must be a non-static, non-generic class",
        "'{0}' cannot be a multiplexed model because it is {1}");

    /// <summary>Format: "'{0}' is nested in '{1}', which must also be declared partial".</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "DMX0003",
        "Types containing a multiplexed model must be partial",
        "'{0}' is nested in '{1}', which must also be declared partial");

    /// <summary>Format: "'{0}' must not declare a base class: the generated model derives from TorchSharp's Module&lt;Tensor, Tensor&gt; (found '{1}')".</summary>
    public static readonly DiagnosticDescriptor ModelHasBaseClass = Create(
        "DMX0004",
        "Multiplexed model must not declare a base class",
        "'{0}' must not declare a base class: the generated model derives from TorchSharp's Module<Tensor, Tensor> (found '{1}')");

    /// <summary>Format: "'{0}' needs a backbone attribute: [Transformer], [Backbone], [Mlp] or [Cnn]".</summary>
    public static readonly DiagnosticDescriptor MissingBackbone = Create(
        "DMX0005",
        "Multiplexed model needs a backbone",
        "'{0}' needs a backbone attribute: [Transformer], [Backbone], [Mlp] or [Cnn]");

    /// <summary>Format: "'{0}' needs a task attribute: [SequenceClassification] or [TokenClassification] ([Transformer], [Backbone]), [ImageClassification] ([Mlp], [Cnn])".</summary>
    public static readonly DiagnosticDescriptor MissingTask = Create(
        "DMX0006",
        "Multiplexed model needs a task",
        "'{0}' needs a task attribute: [SequenceClassification] or [TokenClassification] ([Transformer], [Backbone]), [ImageClassification] ([Mlp], [Cnn])");

    /// <summary>Format: "'{0}' has both [SequenceClassification] and [TokenClassification]; a model has one task".</summary>
    public static readonly DiagnosticDescriptor ConflictingTasks = Create(
        "DMX0007",
        "Multiplexed model has more than one task",
        "'{0}' has both [SequenceClassification] and [TokenClassification]; a model has one task");

    /// <summary>Format: "N must be at least 1, but is {0}".</summary>
    public static readonly DiagnosticDescriptor InvalidN = Create(
        "DMX0008",
        "N must be at least 1",
        "N must be at least 1, but is {0}");

    /// <summary>Format: "{0} must be {1}, but is {2}" (property, expected, given).</summary>
    public static readonly DiagnosticDescriptor InvalidSize = Create(
        "DMX0009",
        "Size out of range",
        "{0} must be {1}, but is {2}");

    /// <summary>Format: "Hidden ({0}) must be divisible by Heads ({1})".</summary>
    public static readonly DiagnosticDescriptor HiddenNotDivisibleByHeads = Create(
        "DMX0010",
        "Hidden must be divisible by Heads",
        "Hidden ({0}) must be divisible by Heads ({1})");

    /// <summary>Format: "PaddingToken must be in [0, {0}) (the Vocabulary), but is {1}".</summary>
    public static readonly DiagnosticDescriptor PaddingTokenOutOfRange = Create(
        "DMX0011",
        "PaddingToken must be a vocabulary id",
        "PaddingToken must be in [0, {0}) (the Vocabulary), but is {1}");

    /// <summary>Format: "Dropout must be in [0, 1), but is {0}".</summary>
    public static readonly DiagnosticDescriptor DropoutOutOfRange = Create(
        "DMX0012",
        "Dropout must be in [0, 1)",
        "Dropout must be in [0, 1), but is {0}");

    /// <summary>Format: "Mux = BinaryHadamard gives every input a block of Hidden / N features, so N ({0}) must not exceed Hidden ({1})".</summary>
    public static readonly DiagnosticDescriptor BinaryHadamardTooNarrow = Create(
        "DMX0013",
        "BinaryHadamard needs N <= Hidden",
        "Mux = BinaryHadamard gives every input a block of Hidden / N features, so N ({0}) must not exceed Hidden ({1})");

    /// <summary>Format: "{0} = {1} is not a known {0} value; expected one of {2}".</summary>
    public static readonly DiagnosticDescriptor UnknownOption = Create(
        "DMX0014",
        "Unknown Mux or Demux value",
        "{0} = {1} is not a known {0} value; expected one of {2}");

    /// <summary>Format: "'{0}' is the name of a member the generated model declares or calls, so {1} cannot use it; rename it".</summary>
    public static readonly DiagnosticDescriptor NameConflict = Create(
        "DMX0015",
        "Name conflicts with a generated member",
        "'{0}' is the name of a member the generated model declares or calls, so {1} cannot use it; rename it");

    /// <summary>Format: "'{0}' has [{1}] but no [Multiplexed] on any of its parts, so no model is generated for it" (class, attribute).</summary>
    public static readonly DiagnosticDescriptor AttributeWithoutModel = Create(
        "DMX0016",
        "Model attribute without [Multiplexed]",
        "'{0}' has [{1}] but no [Multiplexed] on any of its parts, so no model is generated for it; add [Multiplexed] (N = 1 for a plain model)");

    /// <summary>Format: "'{0}' is in a project on C# {1}; the generated model needs C# 9 or later (set LangVersion)" (class, version).</summary>
    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Create(
        "DMX0017",
        "C# 9 or later needed",
        "'{0}' is in a project on C# {1}; the generated model needs C# 9 or later (set LangVersion)");

    /// <summary>Format: "'{0}' cannot be generated: its code names {1} through 'global::', but the project references {2} only under the extern alias '{3}'; add 'global' to that reference's aliases" (class, namespace, assembly, alias).</summary>
    public static readonly DiagnosticDescriptor ReferenceOnlyUnderAlias = Create(
        "DMX0018",
        "Runtime referenced only under an extern alias",
        "'{0}' cannot be generated: its code names {1} through 'global::', but the project references {2} only under the extern alias '{3}'; add 'global' to that reference's aliases (Aliases=\"global,{3}\")");

    /// <summary>Format: "{0}" (which of Mux.None, Demux.None and N = 1 is missing).</summary>
    public static readonly DiagnosticDescriptor PlainModelMismatch = Create(
        "DMX0019",
        "Mux.None, Demux.None and N = 1 go together",
        "The plain backbone takes Mux = Mux.None, Demux = Demux.None and N = 1 together: {0}");

    /// <summary>Format: "MuxNorm must be positive and finite, but is {0}".</summary>
    public static readonly DiagnosticDescriptor MuxNormOutOfRange = Create(
        "DMX0020",
        "MuxNorm must be positive and finite",
        "MuxNorm must be positive and finite, but is {0}");

    /// <summary>Format: "{0} does not apply to {1}: {2}" (option, the mux or demux, why).</summary>
    public static readonly DiagnosticDescriptor OptionDoesNotApply = Create(
        "DMX0021",
        "Multiplexing option does not apply to the chosen Mux or Demux",
        "{0} does not apply to {1}: {2}");

    /// <summary>Format: "'{0}' multiplexes nothing: [Multiplexed] without N runs one input per pass (N = 1); set N to the number of inputs to mix".</summary>
    public static readonly DiagnosticDescriptor NotMultiplexing = Warning(
        "DMX0022",
        "[Multiplexed] without N multiplexes nothing",
        "'{0}' multiplexes nothing: [Multiplexed] without N runs one input per pass (N = 1); set N to the number of inputs to mix");

    /// <summary>Format: "N ({0}) is greater than Hidden ({1}): more inputs than dimensions to tell them apart".</summary>
    public static readonly DiagnosticDescriptor MoreInputsThanDimensions = Warning(
        "DMX0023",
        "N greater than Hidden",
        "N ({0}) is greater than Hidden ({1}): more inputs than dimensions to tell them apart");

    /// <summary>Format: "N ({0}) is above 40, beyond what DataMUX was measured at (it lost 12 NER points at N = 40)".</summary>
    public static readonly DiagnosticDescriptor BeyondMeasuredWidths = Warning(
        "DMX0024",
        "N above 40",
        "N ({0}) is above 40, beyond what DataMUX was measured at (it lost 12 NER points at N = 40)");

    /// <summary>Format: "Mux = Identity adds the {0} inputs unchanged, so they cannot be told apart; use GaussianHadamard or Orthogonal".</summary>
    public static readonly DiagnosticDescriptor IdentityMuxesIndistinguishably = Warning(
        "DMX0025",
        "Mux.Identity with N > 1",
        "Mux = Identity adds the {0} inputs unchanged, so they cannot be told apart; use GaussianHadamard or Orthogonal");

    /// <summary>Format: "{0} holds {1} parameters per input ({2} for N = {3}), more than the encoder's {4}" (the mux or demux, counts).</summary>
    public static readonly DiagnosticDescriptor PerInputPartsOutweighBackbone = Warning(
        "DMX0026",
        "Per-input parameters above the backbone's",
        "{0} holds {1} parameters per input ({2} for N = {3}), more than the encoder's {4}");

    /// <summary>Format: "'{0}' has both [{1}] and [{2}]; a model has one backbone" (class, first, second).</summary>
    public static readonly DiagnosticDescriptor ConflictingBackbones = Create(
        "DMX0030",
        "Multiplexed model has more than one backbone",
        "'{0}' has both [{1}] and [{2}]; a model has one backbone");

    /// <summary>Format: "[{0}] does not work with the [{1}] backbone: {2}" (task, backbone, what fits).</summary>
    public static readonly DiagnosticDescriptor TaskDoesNotFitBackbone = Create(
        "DMX0031",
        "Task does not fit the backbone",
        "[{0}] does not work with the [{1}] backbone: {2}");

    /// <summary>Format: "Mux = {0} does not work with the [{1}] backbone; supported there: {2}" (mux, backbone, list).</summary>
    public static readonly DiagnosticDescriptor MuxDoesNotFitBackbone = Create(
        "DMX0032",
        "Mux does not fit the backbone",
        "Mux = {0} does not work with the [{1}] backbone; supported there: {2}");

    /// <summary>Format: "Demux = {0} does not work with the [{1}] backbone: {2}" (demux, backbone, why and what to use).</summary>
    public static readonly DiagnosticDescriptor DemuxDoesNotFitBackbone = Create(
        "DMX0033",
        "Demux does not fit the backbone",
        "Demux = {0} does not work with the [{1}] backbone: {2}");

    /// <summary>Format: "[Cnn] with Layers = {0} halves the image {0} times (2x2 max pooling after every 3x3 convolution), so Height and Width must be at least {1}, but the image is {2}x{3}".</summary>
    public static readonly DiagnosticDescriptor ImageTooSmallForLayers = Create(
        "DMX0034",
        "Image too small for the Cnn's pooling",
        "[Cnn] with Layers = {0} halves the image {0} times (2x2 max pooling after every 3x3 convolution), so Height and Width must be at least {1}, but the image is {2}x{3}");

    /// <summary>Format: "The backbone '{0}' must derive from TorchSharp.torch.nn.Module&lt;Tensor, Tensor&gt; (mapping [G, S, Hidden] to [G, S, Hidden]), but {1}".</summary>
    public static readonly DiagnosticDescriptor BackboneNotAModule = Create(
        "DMX0041",
        "Backbone type is not a Module<Tensor, Tensor>",
        "The backbone '{0}' must derive from TorchSharp.torch.nn.Module<Tensor, Tensor> (mapping [G, S, Hidden] to [G, S, Hidden]), but {1}");

    /// <summary>Format: "The backbone '{0}' cannot be constructed by the generated model because it is {1}".</summary>
    public static readonly DiagnosticDescriptor BackboneNotConstructible = Create(
        "DMX0042",
        "Backbone type cannot be instantiated",
        "The backbone '{0}' cannot be constructed by the generated model because it is {1}");

    /// <summary>Format: "The backbone '{0}' has no constructor '{1}' can call: it needs an accessible constructor taking (int hidden) or no parameters{2}".</summary>
    public static readonly DiagnosticDescriptor BackboneWithoutConstructor = Create(
        "DMX0043",
        "Backbone type has no usable constructor",
        "The backbone '{0}' has no constructor '{1}' can call: it needs an accessible constructor taking (int hidden) or no parameters{2}");

    /// <summary>Format: "{0} needs [Transformer]: {1}" (the option, why).</summary>
    public static readonly DiagnosticDescriptor NeedsTransformer = Create(
        "DMX0044",
        "Multiplexing option needs the Transformer backbone",
        "{0} needs [Transformer]: {1}");

    /// <summary>Every descriptor, for the tests that check docs and release tracking.</summary>
    public static readonly DiagnosticDescriptor[] All =
    [
        ModelNotPartial, UnsupportedModelType, ContainingTypeNotPartial, ModelHasBaseClass, MissingBackbone,
        MissingTask, ConflictingTasks, InvalidN, InvalidSize, HiddenNotDivisibleByHeads, PaddingTokenOutOfRange,
        DropoutOutOfRange, BinaryHadamardTooNarrow, UnknownOption, NameConflict, AttributeWithoutModel,
        LanguageVersionTooOld, ReferenceOnlyUnderAlias, PlainModelMismatch, MuxNormOutOfRange, OptionDoesNotApply,
        NotMultiplexing, MoreInputsThanDimensions, BeyondMeasuredWidths, IdentityMuxesIndistinguishably, PerInputPartsOutweighBackbone,
        ConflictingBackbones, TaskDoesNotFitBackbone, MuxDoesNotFitBackbone, DemuxDoesNotFitBackbone, ImageTooSmallForLayers,
        BackboneNotAModule, BackboneNotConstructible, BackboneWithoutConstructor, NeedsTransformer,
    ];

    private static DiagnosticDescriptor Create(string id, string title, string message) => Describe(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) => Describe(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Describe(string id, string title, string message, DiagnosticSeverity severity) =>
        // No help link: the project has no public address to link to. Every ID has a page of cause, fix and example in
        // the repository's docs/diagnostics and in the DataMux package's docs/diagnostics folder, which the description names.
        new(id, title, message, Category, severity, isEnabledByDefault: true,
            description: $"See {id}.md in docs/diagnostics of the DataMux package (or of its repository) for the cause, the fix and an example.");
}
