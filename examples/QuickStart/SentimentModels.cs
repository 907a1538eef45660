using static DataMux.Demux;
using static DataMux.Mux;

namespace DataMux.Examples.QuickStart;

// The same small sentiment classifier (2 layers, hidden 128, 4 heads, 32 tokens) as the plain Transformer and at
// several multiplexing widths. The source generator writes each class's TorchSharp module.

/// <summary>The baseline: the plain Transformer, one sentence per backbone pass.</summary>
[Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentPlain { }

/// <summary>Two sentences share every backbone pass.</summary>
[Multiplexed(N = 2, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentN2 { }

/// <summary>Five sentences per backbone pass.</summary>
[Multiplexed(N = 5, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentN5 { }

/// <summary>Ten sentences per backbone pass.</summary>
[Multiplexed(N = 10, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentN10 { }

/// <summary>Twenty sentences per backbone pass.</summary>
[Multiplexed(N = 20, Mux = GaussianHadamard, Demux = IndexEmbedding, InputShortcut = true)]
[Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
[SequenceClassification(Classes = 2)]
public partial class SentimentN20 { }
