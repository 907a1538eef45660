namespace DataMux;

/// <summary>
/// The values of a generated model's attributes as one record, so that tools (trainers, benchmarks) can work
/// on any generated model without reflection.
/// </summary>
/// <param name="ModelName">The annotated class's name, used in error messages.</param>
/// <param name="N">Inputs multiplexed into one backbone pass.</param>
/// <param name="Mux">The multiplexing transform.</param>
/// <param name="Demux">The demultiplexing method.</param>
/// <param name="Seed">Seed of the fixed transforms and initial weights.</param>
/// <param name="Layers">Encoder layers.</param>
/// <param name="Hidden">Representation width d.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="FeedForward">Feed-forward width (already resolved: never 0).</param>
/// <param name="MaxLength">Longest accepted input, in tokens.</param>
/// <param name="Vocabulary">Number of user token ids.</param>
/// <param name="PaddingToken">The padding token id.</param>
/// <param name="Dropout">Dropout probability in training.</param>
/// <param name="Task">The task.</param>
/// <param name="Outputs">Classes (sequence classification) or labels (token classification).</param>
/// <param name="MuxNorm">The Gaussian Hadamard vectors' norm (1 for the other muxes).</param>
/// <param name="LearnMux">Whether training updates the mux transforms.</param>
/// <param name="Reembed">Whether the mixed sequence goes through the embedding block again before the backbone.</param>
/// <param name="InputShortcut">Whether every input's tokens reach its demultiplexed representation around the backbone.</param>
/// <param name="Backbone">
/// The full name of the user's backbone module (<see cref="BackboneAttribute"/>), or null for the Transformer encoder.
/// With a user's backbone, <paramref name="Layers"/>, <paramref name="Heads"/> and <paramref name="FeedForward"/> are 0.
/// </param>
/// <param name="ContextWindow">Positions of its own input every token sees before the mix (<see cref="Multiplexers.LocalContext"/>), or 0 for none.</param>
public sealed record ModelConfiguration(
    string ModelName,
    int N,
    Mux Mux,
    Demux Demux,
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
    double MuxNorm = 1.0,
    bool LearnMux = false,
    bool Reembed = false,
    bool InputShortcut = false,
    string? Backbone = null,
    int ContextWindow = 0)
{
    /// <summary>The token layout (special token ids) that follows from this configuration.</summary>
    public TokenLayout Tokens => new(Vocabulary, N, PaddingToken);
}
