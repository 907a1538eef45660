namespace DataMux.Generators.Models;

/// <summary>The <c>DataMux.Mux</c> members this generator knows a runtime multiplexer for (same names, same order).</summary>
internal enum MuxKind
{
    GaussianHadamard,
    Orthogonal,
    BinaryHadamard,
    Identity,
    Learned,
    None,
    Contextual,
    Convolution,
}

/// <summary>The <c>DataMux.Demux</c> members this generator knows a runtime demultiplexer for (same names, same order).</summary>
internal enum DemuxKind
{
    IndexEmbedding,
    Mlp,
    None,
    LearnedKeys,
}
