namespace DataMux.Generators.Models;

/// <summary>
/// Everything the emitter needs to write one model, as equatable values. Holds no locations: moving an
/// attribute in the file must not invalidate the generated source (diagnostics travel separately).
/// </summary>
/// <param name="Namespace">The model's namespace, empty for the global namespace.</param>
/// <param name="ContainingTypes">Types the model is nested in, outermost first.</param>
/// <param name="Accessibility">The declared accessibility keyword(s), e.g. <c>public</c>, or empty when none is written.</param>
/// <param name="ClassName">The annotated class's name.</param>
/// <param name="Mux">The multiplexer.</param>
/// <param name="Demux">The demultiplexer.</param>
/// <param name="FeedForward">The feed-forward width as written: 0 means 4·Hidden (see <see cref="ResolvedFeedForward"/>).</param>
/// <param name="Outputs">Classes (sequence task) or labels (token task).</param>
/// <param name="MuxNorm">The Gaussian Hadamard vectors' norm.</param>
/// <param name="LearnMux">Whether training updates the mux transforms.</param>
/// <param name="Reembed">Whether the mix goes through the embedding block again (false for Mux.None).</param>
/// <param name="InputShortcut">Whether every input's tokens reach its demux around the backbone.</param>
/// <param name="Backbone">Which backbone attribute the model has; the image backbones use Layers and Hidden, and the fields below.</param>
/// <param name="Inputs">[Mlp]: features per input (0 otherwise).</param>
/// <param name="Channels">[Cnn]: channels per image (0 otherwise).</param>
/// <param name="Height">[Cnn]: image height (0 otherwise).</param>
/// <param name="Width">[Cnn]: image width (0 otherwise).</param>
/// <param name="Filters">[Cnn]: convolution channels (0 otherwise).</param>
/// <param name="UserBackbone">The user's backbone ([Backbone]), or null: the Transformer encoder or an image backbone.</param>
/// <param name="ContextWindow">Positions of its own input every token sees before the mix, or 0 for no context layer.</param>
internal sealed record ModelSpec(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Accessibility,
    string ClassName,
    int N,
    MuxKind Mux,
    DemuxKind Demux,
    int Seed,
    int Layers,
    int Hidden,
    int Heads,
    int FeedForward,
    int MaxLength,
    int Vocabulary,
    int PaddingToken,
    double Dropout,
    ModelTask Task,
    int Outputs,
    double MuxNorm,
    bool LearnMux,
    bool Reembed,
    bool InputShortcut,
    BackboneKind Backbone = BackboneKind.Transformer,
    int Inputs = 0,
    int Channels = 0,
    int Height = 0,
    int Width = 0,
    int Filters = 0,
    BackboneType? UserBackbone = null,
    int ContextWindow = 0)
{
    /// <summary>Whether the model is an image model (float inputs): [Mlp] or [Cnn].</summary>
    public bool IsImageModel => Backbone is BackboneKind.Mlp or BackboneKind.Cnn;

    /// <summary>Whether the backbone is the generated Transformer encoder (not a user's module, not an image backbone).</summary>
    public bool IsTransformer => Backbone == BackboneKind.Transformer && UserBackbone is null;

    /// <summary>The short name of the backbone attribute, where its values' diagnostics go.</summary>
    public string BackboneAttribute => UserBackbone is not null ? "Backbone" : Backbone.ToString();

    /// <summary>The feed-forward width the encoder gets: <see cref="FeedForward"/>, or 4·Hidden when it is 0.</summary>
    public int ResolvedFeedForward => FeedForward == 0 ? 4 * Hidden : FeedForward;

    /// <summary>Whether the model has a context layer before its mux.</summary>
    public bool HasContext => ContextWindow != 0;

    /// <summary>Whether the model re-embeds its mix: <see cref="Reembed"/>, except for Mux.None, which has no mix.</summary>
    public bool ReembedsMix => Reembed && Mux != MuxKind.None;
}
