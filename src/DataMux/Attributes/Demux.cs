namespace DataMux;

/// <summary>How the backbone's single output is turned back into N per-input representations.</summary>
public enum Demux
{
    /// <summary>
    /// Index embeddings (the paper's best): every input gets an N+1 token prefix holding its own index
    /// token εᵢ at slot i, a shared filler elsewhere, and a CLS token at slot N. Input i is recovered by a
    /// shared MLP on [pᵢ ; hₜ], where pᵢ is the backbone output at prefix slot i.
    /// </summary>
    IndexEmbedding,

    /// <summary>
    /// One small MLP per index (Linear, GELU, LayerNorm) followed by a shared MLP. Cost grows with N. On an image backbone
    /// one Linear + tanh per index (the DataMUX vision code's), then the task's shared output layer.
    /// </summary>
    Mlp,

    /// <summary>
    /// No demultiplexing: one input per backbone pass (N = 1), with <see cref="Mux.None"/>. A CLS token in front of every
    /// input, as in BERT; sentence tasks read its state, token tasks the token states.
    /// </summary>
    None,

    /// <summary>
    /// MUX-PLMs' demux (<c>index_pos</c>): a learned key kᵢ of width d per index instead of an index prefix, so every
    /// input carries only a CLS token in front (prefix 1, not N+1). Input i is recovered by a shared MLP on [kᵢ ; h]:
    /// Linear 2d→d, GELU, LayerNorm, then Linear d→d, GELU, LayerNorm with a residual connection. On an image backbone the
    /// same, with h the backbone's output for the group, then the task's shared output layer.
    /// </summary>
    LearnedKeys,
}
